export default function AskPage() {
  return <h1 className="text-2xl font-semibold">Ask your documents</h1>;
}
