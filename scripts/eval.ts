/**
 * npm run eval -- --dataset FILE.jsonl [--pdfs DIR] [--configs NAME,...] [--out DIR] [--llm MODEL]
 *                 [--model NAME] [--companies A-B] [--cache DIR] [--answer-tokens N]
 *                 [--routes SIMPLE,MODERATE,COMPLEX] [--routing-config NAME]
 *
 * Ingests each question's PDF through the product's extraction (pages cached per file content under
 * --cache, default cache/eval) and chunking, plans every question through the app's dry-run path for
 * each configuration, and reports the evidence metrics, tokens and estimated cost per question, beside
 * the full-document row. Writes <out>/eval.json and <out>/frontier.svg; the last line printed is a JSON
 * summary. With --llm MODEL (and an LLM configured) it also answers and scores the answers: each
 * configuration's on MODEL, and each routing policy's (chunked and compressed on the strong model,
 * compressed in place, auto with its cascade) on its routes' models (--routes SIMPLE,MODERATE,COMPLEX sets
 * them; default the app's default routes), with real costs; writes <out>/answers-frontier.svg.
 * --routing-config NAME runs the routing and compression measurements on that configuration
 * (default page-1024@2000, the app's).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

interface Args {
  dataset: string;
  pdfs?: string;
  configs?: string;
  out: string;
  llm?: string;
  model?: string;
  companies?: string;
  cache: string;
  answerTokens: number;
  routes?: string;
  routingConfig?: string;
}

const USAGE =
  "Usage: npm run eval -- --dataset FILE.jsonl [--pdfs DIR] [--configs NAME,...] [--out DIR] [--llm MODEL] [--model NAME] [--companies A-B] [--cache DIR] [--answer-tokens N] [--routes SIMPLE,MODERATE,COMPLEX] [--routing-config NAME]";

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--")) throw new Error(`Unexpected argument "${flag}". ${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value. ${USAGE}`);
    values.set(flag.slice(2), value);
    i++;
  }
  const known = new Set(["dataset", "pdfs", "configs", "out", "llm", "model", "companies", "cache", "answer-tokens", "routes", "routing-config"]);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`Unknown option --${key}. ${USAGE}`);
  const dataset = values.get("dataset");
  if (!dataset) throw new Error(`--dataset is required. ${USAGE}`);
  const answerTokens = Number(values.get("answer-tokens") ?? 200);
  if (!Number.isInteger(answerTokens) || answerTokens < 0) throw new Error("--answer-tokens must be a whole number of tokens.");
  return {
    dataset,
    pdfs: values.get("pdfs"),
    configs: values.get("configs"),
    out: values.get("out") ?? "eval-out",
    llm: values.get("llm"),
    model: values.get("model"),
    companies: values.get("companies"),
    cache: values.get("cache") ?? path.join("cache", "eval"),
    answerTokens,
    routes: values.get("routes"),
    routingConfig: values.get("routing-config"),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The run's documents go into a scratch store, never the app's data.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-eval-"));
  process.env.DATA_DIR = scratch;

  const { parseDataset, filterByCompanyRange } = await import("../lib/eval/dataset");
  const { DEFAULT_SWEEP, DEFAULT_CONFIG_NAME, parseConfigName } = await import("../lib/eval/configs");
  const { loadDocumentPages, extractorFingerprint } = await import("../lib/eval/ingest-cache");
  const { runEvaluation } = await import("../lib/eval/run");
  const { buildSummary, formatTable, frontierOf, renderChart } = await import("../lib/eval/report");
  const { stopExtractionWorkers } = await import("../lib/pdf");
  const { closeAllDbs } = await import("../lib/storage/db");
  const { readEnv } = await import("../lib/env");
  const log = (message: string) => process.stderr.write(`${message}\n`);

  try {
    const datasetPath = path.resolve(args.dataset);
    let questions = parseDataset(fs.readFileSync(datasetPath, "utf8"), path.basename(datasetPath));
    if (args.companies) questions = filterByCompanyRange(questions, args.companies);
    if (questions.length === 0) throw new Error(`No question's company falls in ${args.companies}.`);
    const pdfDir = path.resolve(args.pdfs ?? path.join(path.dirname(datasetPath), "pdfs"));

    const configs = args.configs
      ? args.configs.split(",").map((name) => {
          const trimmed = name.trim();
          const config = DEFAULT_SWEEP.find((c) => c.name === trimmed) ?? parseConfigName(trimmed);
          if (!config) throw new Error(`Unknown configuration "${trimmed}". Names look like window-512-64@2000, page-2000@2000, paragraph-256@2000, keyword-window-512-64@2000.`);
          return config;
        })
      : DEFAULT_SWEEP;
    const defaultName = configs.some((c) => c.name === DEFAULT_CONFIG_NAME) ? DEFAULT_CONFIG_NAME : configs[0].name;
    const model = args.llm ?? args.model ?? readEnv().openaiModel;

    const started = performance.now();
    const fingerprint = extractorFingerprint();
    const documents = new Map<string, { name: string; sha256: string; pages: { pageNumber: number; text: string }[] }>();
    let extracted = 0;
    for (const q of questions) {
      if (documents.has(q.doc)) continue;
      const pdfPath = path.join(pdfDir, q.doc);
      if (!fs.existsSync(pdfPath)) throw new Error(`${path.basename(datasetPath)}, line ${q.line}: PDF "${q.doc}" not found in ${pdfDir}.`);
      const doc = await loadDocumentPages({ pdfPath, cacheDir: path.resolve(args.cache, "pages"), fingerprint });
      if (!doc.cached) extracted++;
      documents.set(q.doc, doc);
    }
    await stopExtractionWorkers();
    const pageCount = [...documents.values()].reduce((s, d) => s + d.pages.length, 0);
    log(`${documents.size} documents, ${pageCount} pages (${extracted} extracted, the rest cached) in ${Math.round(performance.now() - started)} ms`);

    const run = runEvaluation({ questions, documents, configs, model, answerTokens: args.answerTokens, onProgress: log });

    // Routing and compression: the baseline on the strong model, compression ratios, and mode auto.
    const { evaluateRouting, formatRoutingTable } = await import("../lib/routing/eval");
    const { DEFAULT_ROUTING_SETTINGS } = await import("../lib/routing/config");
    let routes = DEFAULT_ROUTING_SETTINGS;
    if (args.routes) {
      const models = args.routes.split(",").map((m) => m.trim());
      if (models.length !== 3 || models.some((m) => !m)) throw new Error("--routes needs three models: SIMPLE,MODERATE,COMPLEX.");
      routes = { ...routes, simple: { ...routes.simple, model: models[0] }, moderate: { ...routes.moderate, model: models[1] }, complex: { ...routes.complex, model: models[2] } };
    }
    const routingConfig = args.routingConfig ? parseConfigName(args.routingConfig) : undefined;
    if (args.routingConfig && !routingConfig) throw new Error(`--routing-config: "${args.routingConfig}" is not a configuration name like page-1024@2000.`);
    const routing = evaluateRouting({ questions, documents, routing: routes, config: routingConfig, answerTokens: args.answerTokens, onProgress: log });

    let answers: unknown;
    let routingAnswers: { policies: unknown; frontier: string[] } | null = null;
    let answersTable = "";
    if (args.llm) {
      const { answerAndScore, formatAnswerTable } = await import("../lib/eval/answer");
      const { answerRoutingPolicies, answerPoints, answerFrontier, answerChartRows, formatRoutingAnswerTable } = await import("../lib/routing/eval-answer");
      const scores = await answerAndScore({ run, questions, model: args.llm, onProgress: log });
      const { llmConfigured } = await import("../lib/env");
      // The routing policies name real models: with no LLM configured (--llm offline) they are not answered.
      const policies = llmConfigured() ? await answerRoutingPolicies({ questions, documents, routing: routes, config: routingConfig, onProgress: log }) : [];
      if (policies.length === 0) log("routing policies not answered: no LLM is configured");
      answers = scores;
      const points = answerPoints([...scores, ...policies]);
      const answeredFrontier = answerFrontier(points);
      routingAnswers = { policies, frontier: answeredFrontier };
      answersTable = `${formatAnswerTable(scores)}\n\n${formatRoutingAnswerTable(policies, new Set(answeredFrontier))}`;
      fs.mkdirSync(args.out, { recursive: true });
      fs.writeFileSync(
        path.join(args.out, "answers-frontier.svg"),
        renderChart({
          rows: answerChartRows(points),
          frontier: new Set(answeredFrontier),
          defaultName,
          title: `${path.basename(datasetPath)}: answer accuracy vs real cost (configurations on ${args.llm}, routing policies on their routes)`,
          xLabel: "real USD per answer (log scale)",
          yLabel: "answers correct (numeric match or judge)",
        }),
      );
    }

    const rows = [...run.configs, run.fullDocument].map((r) => ({ name: r.name, metrics: r.metrics }));
    const frontier = frontierOf(rows);
    fs.mkdirSync(args.out, { recursive: true });
    const summary = buildSummary({ dataset: path.basename(datasetPath), questions: questions.length, defaultName, rows: rows.slice(0, -1), fullDocument: rows[rows.length - 1] });
    const report = {
      summary,
      model: run.model,
      answerTokens: run.answerTokens,
      companies: args.companies ?? null,
      frontier: [...frontier],
      configs: [...run.configs, run.fullDocument].map((r) => ({
        name: r.name,
        config: r.config,
        metrics: r.metrics,
        durationMs: Math.round(r.durationMs),
        questions: r.questions.map(({ passages, messages: _messages, ...m }) => ({ ...m, passages: passages.length <= 50 ? passages.map((p) => ({ pageStart: p.pageStart, pageEnd: p.pageEnd })) : undefined })),
      })),
      answers: answers ?? null,
      routing,
      routingAnswers,
    };
    fs.writeFileSync(path.join(args.out, "eval.json"), JSON.stringify(report, null, 2));
    fs.writeFileSync(
      path.join(args.out, "frontier.svg"),
      renderChart({ rows, frontier, defaultName, title: `${path.basename(datasetPath)}${args.companies ? ` (companies ${args.companies})` : ""}: evidence recall vs cost at ${run.model}` }),
    );
    console.log(formatTable(rows, frontier));
    console.log(`\n${questions.length} questions, model ${run.model} (cost assumes ${run.answerTokens} answer tokens), ${Math.round((performance.now() - started) / 100) / 10} s. Wrote ${path.join(args.out, "eval.json")} and ${path.join(args.out, "frontier.svg")}.`);
    console.log(`\n${formatRoutingTable(routing)}`);
    if (answersTable) console.log(`\n${answersTable}\nWrote ${path.join(args.out, "answers-frontier.svg")}.`);
    console.log(JSON.stringify(summary));
  } finally {
    closeAllDbs();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
