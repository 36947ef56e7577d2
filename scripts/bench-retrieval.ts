/**
 * npm run bench:retrieval -- [--dataset FILE.jsonl] [--pdfs DIR] [--min-pages 1000] [--repeats 3]
 *
 * Per-question server time without the model (retrieval, then retrieval plus prompt building and
 * pricing) over at least --min-pages pages of a dataset's PDFs, as p50/p95. Pages are cached like the
 * evaluation's; the documents go into a scratch store.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const datasetPath = path.resolve(value("--dataset") ?? path.join("..", "shared", "eval", "financebench-open", "questions.jsonl"));
  if (!fs.existsSync(datasetPath)) throw new Error(`No dataset at ${datasetPath}; pass --dataset FILE.jsonl.`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-bench-retrieval-"));
  process.env.DATA_DIR = scratch;
  const { runRetrievalBench, formatRetrievalBench } = await import("../lib/eval/bench-retrieval");
  const { stopExtractionWorkers } = await import("../lib/pdf");
  const { closeAllDbs } = await import("../lib/storage/db");
  try {
    const result = await runRetrievalBench({
      datasetPath,
      pdfDir: value("--pdfs") ? path.resolve(value("--pdfs") as string) : undefined,
      minPages: Number(value("--min-pages") ?? 1000),
      repeats: Number(value("--repeats") ?? 3),
      log: (m) => process.stderr.write(`${m}\n`),
    });
    console.log(`${formatRetrievalBench(result)}\n  (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version})`);
    console.log(JSON.stringify(result));
  } finally {
    await stopExtractionWorkers();
    closeAllDbs();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-retrieval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
