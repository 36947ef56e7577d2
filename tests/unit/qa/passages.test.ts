import { describe, expect, it } from "vitest";
import { dedupePassages, orderStrongestAtEdges, overlapChars, splitByPage } from "@/lib/qa";

const base = { documentId: "d1", pageStart: 1, pageEnd: 1 };

describe("dedupePassages", () => {
  it("merges overlapping windows so the shared text is sent once", () => {
    const a = { ...base, ord: 0, text: "Vacation policy. Employees accrue 25 days of paid vacation per year.", score: 2 };
    const b = { ...base, ord: 1, pageStart: 2, pageEnd: 2, text: "25 days of paid vacation per year. Requests go through the HR portal.", score: 5 };
    const out = dedupePassages([a, b]);
    expect(out).toHaveLength(1);
    expect(out[0].text).toBe("Vacation policy. Employees accrue 25 days of paid vacation per year. Requests go through the HR portal.");
    expect(out[0]).toMatchObject({ pageStart: 1, pageEnd: 2, score: 5, ord: 0 });
  });

  it("merges when the later window arrives first", () => {
    const a = { ...base, ord: 0, text: "alpha beta gamma delta epsilon zeta eta theta", score: 1 };
    const b = { ...base, ord: 1, text: "epsilon zeta eta theta iota kappa lambda", score: 3 };
    const out = dedupePassages([b, a]);
    expect(out).toHaveLength(1);
    expect(out[0].text).toBe("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda");
  });

  it("drops a passage contained in another and keeps the higher score", () => {
    const big = { ...base, ord: 0, text: "one two three four five six seven", score: 1 };
    const small = { ...base, ord: 1, text: "three four five", score: 9 };
    expect(dedupePassages([big, small])).toEqual([{ ...big, score: 9 }]);
  });

  it("keeps passages of different documents and unrelated passages apart", () => {
    const a = { ...base, ord: 0, text: "The same sentence appears in two documents here.", score: 1 };
    const b = { ...a, documentId: "d2" };
    const c = { ...base, ord: 5, text: "Completely different text about security badges.", score: 2 };
    expect(dedupePassages([a, b, c])).toHaveLength(3);
  });

  it("never merges distant pages that share a running footer", () => {
    const footer = "Acme Corporation 2022 Annual Report — Confidential";
    const p72 = { ...base, ord: 71, pageStart: 72, pageEnd: 72, text: `Liquidity discussion of cash and equivalents.\n${footer}`, score: 4 };
    const p117 = { ...base, ord: 116, pageStart: 117, pageEnd: 117, text: `${footer}\nNote 14: leases and their maturities.`, score: 3 };
    const out = dedupePassages([p72, p117]);
    expect(out).toHaveLength(2);
    expect(out.map((p) => [p.pageStart, p.pageEnd])).toEqual([[72, 72], [117, 117]]);
  });

  it("ignores coincidental short overlaps", () => {
    expect(overlapChars("ends with the", "the start")).toBe(0);
    expect(overlapChars("abcdefghijklmnopqrstuvwxyz", "qrstuvwxyz and more")).toBe(0);
    expect(overlapChars("xx 0123456789abcdefghij", "0123456789abcdefghij yy")).toBe(20);
  });

  it("handles empty input", () => {
    expect(dedupePassages([])).toEqual([]);
  });
});

describe("orderStrongestAtEdges", () => {
  it("puts the strongest first, the second strongest last, the weakest in the middle", () => {
    const items = [1, 5, 3, 6, 2, 4].map((score) => ({ score }));
    expect(orderStrongestAtEdges(items).map((i) => i.score)).toEqual([6, 4, 2, 1, 3, 5]);
  });

  it("keeps a single item and ties in input order", () => {
    expect(orderStrongestAtEdges([{ score: 1, id: "a" }])).toEqual([{ score: 1, id: "a" }]);
    const tied = [{ score: 1, id: "a" }, { score: 1, id: "b" }, { score: 1, id: "c" }];
    expect(orderStrongestAtEdges(tied).map((t) => t.id)).toEqual(["a", "c", "b"]);
  });
});

describe("splitByPage", () => {
  const pages = [
    { pageNumber: 1, text: "Intro page. Welcome to the handbook." },
    { pageNumber: 2, text: "Vacation policy. Employees accrue 25 days of paid vacation per year." },
    { pageNumber: 3, text: "Travel. Hotels are reimbursed up to 180 euros per night." },
  ];

  it("gives each piece of a multi-page passage its own page", () => {
    const passage = { documentId: "d", pageStart: 1, pageEnd: 3, text: "Welcome to the handbook.\n\nVacation policy. Employees accrue 25 days of paid vacation per year.\n\nTravel. Hotels are", score: 1 };
    const out = splitByPage({ passage, pages });
    expect(out.map((p) => [p.pageStart, p.pageEnd])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(out[1].text).toBe("Vacation policy. Employees accrue 25 days of paid vacation per year.");
    expect(out.every((p) => p.score === 1 && p.documentId === "d")).toBe(true);
  });

  it("keeps single-page passages and unknown pieces as they are", () => {
    const single = { pageStart: 2, pageEnd: 2, text: "anything" };
    expect(splitByPage({ passage: single, pages })).toEqual([single]);
    const unknown = { pageStart: 1, pageEnd: 2, text: "Text that is on no page." };
    expect(splitByPage({ passage: unknown, pages })).toEqual([unknown]);
  });
});
