/**
 * The MiniSearch-backed BM25 against plain BM25 worked out by hand on a four-unit corpus:
 *   u0 = cash flow cash (3 terms), u1 = revenue growth (2), u2 = cash revenue net incom (4), u3 = empty.
 *   N = 4, average length (3 + 2 + 4 + 0) / 4 = 2.25; "cash" and "revenue" each in 2 units, so
 *   idf = ln(1 + (4 - 2 + 0.5) / (2 + 0.5)) = ln 2; "flow" in 1 unit: idf = ln(1 + 3.5 / 1.5).
 *   k1 1.2, b 0.75: score = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / 2.25)).
 *   cash in u0: ln 2 * 2 * 2.2 / (2 + 1.2 * 1.25) = ln 2 * 4.4 / 3.5 = 0.871385...
 *   cash in u2: ln 2 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 4 / 2.25)) = ln 2 * 2.2 / 2.9 = 0.525836...
 *   revenue in u1: ln 2 * 2.2 / 2.1 = 0.726154...; at weight 0.25: 0.181538...
 *   flow in u0: ln(1 + 3.5 / 1.5) * 2.2 / 3.5 = 1.059496...
 */
import { describe, expect, it } from "vitest";
import { buildField, DEFAULT_BM25, RARE_UNITS, scoreField, scoreFieldTotals, totalScore } from "@/lib/retrieval/bm25";

const UNITS = [["cash", "flow", "cash"], ["revenue", "growth"], ["cash", "revenue", "net", "incom"], []];
const LN2 = Math.log(2);

describe("BM25 on MiniSearch", () => {
  const field = buildField(UNITS);
  const weights = new Map([
    ["cash", 1],
    ["revenue", 0.25],
  ]);

  it("gives each term's plain BM25 contribution, weighted (lengths in terms, empty units counted)", () => {
    const scores = scoreField(field, weights);
    expect([...scores.keys()]).toEqual([0, 2, 1]);
    expect(scores.get(0)?.get("cash")).toBeCloseTo(0.8713850269896455, 13);
    expect(scores.get(0)?.get("cash")).toBeCloseTo((LN2 * 4.4) / 3.5, 13);
    expect(scores.get(2)?.get("cash")).toBeCloseTo(0.5258357921489241, 13);
    expect(scores.get(1)?.get("revenue")).toBeCloseTo(0.18153854728950952, 13);
    expect(scores.get(2)?.get("revenue")).toBeCloseTo(0.13145894803723102, 13);
    expect(scores.get(1)?.has("cash")).toBe(false);
    expect(scoreField(field, new Map([["flow", 1]])).get(0)?.get("flow")).toBeCloseTo(1.059496067806824, 13);
    // MiniSearch's own length (distinct terms: u0 = 2, average 2) would give 0.953077 here.
    expect(scores.get(0)?.get("cash")).not.toBeCloseTo(0.9530773732699247, 3);
  });

  it("sums terms without a coordination factor", () => {
    const { scores, matched } = scoreFieldTotals(field, weights);
    expect(matched).toEqual([0, 2, 1]);
    expect(scores[2]).toBeCloseTo(0.5258357921489241 + 0.13145894803723102, 13);
    expect(scores[1]).toBeCloseTo(0.18153854728950952, 13);
    expect(scores[3]).toBe(0);
    expect(totalScore(scoreField(field, weights).get(2))).toBeCloseTo(scores[2], 14);
  });

  it("takes its scores from the engine: a boostTerm-weighted MiniSearch search gives the same numbers", () => {
    const hits = field.engine.search("revenue", { boostTerm: () => 0.25, bm25: { k: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, d: 0 } });
    const scores = scoreField(field, weights);
    expect(hits.map((h) => h.id).sort()).toEqual([1, 2]);
    for (const hit of hits) expect(scores.get(hit.id)?.get("revenue")).toBe(hit.score);
  });

  it("applies other BM25 parameters (k1 2, b 0.5)", () => {
    const scores = scoreFieldTotals(field, new Map([["cash", 1]]), { k1: 2, b: 0.5 }).scores;
    // ln 2 * 2 * 3 / (2 + 2 * (0.5 + 0.5 * 3 / 2.25)) and ln 2 * 3 / (1 + 2 * (0.5 + 0.5 * 4 / 2.25))
    expect(scores[0]).toBeCloseTo(0.9597422500060782, 13);
    expect(scores[2]).toBeCloseTo(0.5504404080917212, 13);
    // The default parameters still come from the table built with the index.
    expect(scoreFieldTotals(field, new Map([["cash", 1]])).scores[0]).toBeCloseTo(0.8713850269896455, 13);
  });

  it("ignores absent and zero-weight terms", () => {
    expect(scoreField(field, new Map([["ebitda", 1]])).size).toBe(0);
    expect(scoreFieldTotals(field, new Map([["cash", 0]])).matched).toEqual([]);
    expect(scoreField(buildField([]), weights).size).toBe(0);
  });

  it("scores common terms from the table built with the index and rare ones on first use, identically", () => {
    // "cash" is in more than RARE_UNITS units (scored at build time); "lease" in one (scored when asked).
    const units = Array.from({ length: RARE_UNITS + 3 }, (_, i) => (i === 2 ? ["cash", "lease", "term"] : i % 2 === 0 ? ["cash", "flow"] : ["cash"]));
    const many = buildField(units);
    expect(many.defaults.terms.has("cash")).toBe(true);
    expect(many.rare.has("lease")).toBe(true);
    for (const term of ["cash", "lease"]) {
      const hits = many.engine.search(term, { bm25: { k: DEFAULT_BM25.k1, b: DEFAULT_BM25.b, d: 0 } });
      const scores = scoreFieldTotals(many, new Map([[term, 1]])).scores;
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(scores[hit.id]).toBe(hit.score);
    }
    // Asked again, a rare term gives the same numbers from its memory.
    expect(scoreFieldTotals(many, new Map([["lease", 1]])).scores[2]).toBe(scoreFieldTotals(many, new Map([["lease", 1]])).scores[2]);
    expect(scoreField(many, new Map([["nothing", 1]])).size).toBe(0);
  });
});
