import { AskForm } from "@/components/ask-form";
import { describeModels } from "@/lib/qa";
import { listDocuments } from "@/lib/storage";

export const dynamic = "force-dynamic";

export default function AskPage() {
  const documents = listDocuments().map((d) => ({ id: d.id, name: d.name, pages: d.pages, tokens: d.tokens }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Ask your documents</h1>
        <p className="text-sm text-slate-600">Answers cite their pages; beside each one, what it cost and what sending the whole document would have cost.</p>
      </div>
      <AskForm documents={documents} models={describeModels()} />
    </div>
  );
}
