/**
 * Evaluation configurations: how documents are chunked, how many context tokens a question gets, which
 * ranking options apply. Names are stable (`window-512-64@2000`) so `--configs` can pick them.
 */
import type { ChunkOptions } from "../chunking/types";
import type { RetrievalOptions } from "../retrieval";

export interface EvalConfig {
  name: string;
  chunk: ChunkOptions;
  /** Context token budget per question. */
  contextTokens: number;
  /** `product`: the app's retrieval (default); `keyword`: plain MiniSearch top hits, for reference. */
  ranker: "product" | "keyword";
  retrieval?: RetrievalOptions;
}

/** The stable name of a configuration. */
export function configName({ chunk, contextTokens, ranker }: Pick<EvalConfig, "chunk" | "contextTokens" | "ranker">): string {
  const shape = chunk.strategy === "window" ? `${chunk.windowTokens}-${chunk.overlapTokens}` : `${chunk.windowTokens}`;
  return `${ranker === "keyword" ? "keyword-" : ""}${chunk.strategy}-${shape}@${contextTokens}`;
}

function config(strategy: ChunkOptions["strategy"], windowTokens: number, overlapTokens: number, contextTokens: number, ranker: EvalConfig["ranker"] = "product"): EvalConfig {
  const chunk = { strategy, windowTokens, overlapTokens };
  return { name: configName({ chunk, contextTokens, ranker }), chunk, contextTokens, ranker };
}

/**
 * The default sweep: the keyword reference, then strategies, windows and budgets around the app's
 * default (page chunks of at most 1,024 tokens with a 2,000-token context).
 */
export const DEFAULT_SWEEP: EvalConfig[] = [
  config("window", 512, 64, 2000, "keyword"),
  config("page", 1024, 0, 500),
  config("page", 1024, 0, 1000),
  config("page", 1024, 0, 2000),
  config("page", 1024, 0, 4000),
  config("page", 768, 0, 2000),
  config("page", 2000, 0, 2000),
  config("paragraph", 512, 0, 2000),
  config("window", 512, 64, 2000),
  config("window", 256, 32, 2000),
];

/** Name of the default configuration the summary reports as `default` (the app's defaults). */
export const DEFAULT_CONFIG_NAME = "page-1024@2000";

/**
 * Parses a configuration name back into a configuration (`[keyword-]strategy-window[-overlap]@budget`),
 * so any combination can be run by name; undefined when the name is not of that form.
 */
export function parseConfigName(name: string): EvalConfig | undefined {
  const match = /^(keyword-)?(window|page|paragraph)-(\d+)(?:-(\d+))?@(\d+)$/.exec(name);
  if (!match) return undefined;
  const [, keyword, strategy, window, overlap, budget] = match;
  if (strategy === "window" && overlap === undefined) return undefined;
  return config(strategy as ChunkOptions["strategy"], Number(window), Number(overlap ?? 0), Number(budget), keyword ? "keyword" : "product");
}
