import { describe, expect, it } from "vitest";
import { DatasetError, filterByCompanyRange, parseDataset } from "@/lib/eval/dataset";

const good = JSON.stringify({ id: "q1", doc: "a.pdf", question: "What?", answer: 1.5, evidence_pages: [2], evidence_text: "x" });

function errorOf(text: string): DatasetError {
  try {
    parseDataset(text, "set.jsonl");
  } catch (err) {
    if (err instanceof DatasetError) return err;
    throw err;
  }
  throw new Error("expected a DatasetError");
}

describe("parseDataset", () => {
  it("parses lines, skips blank ones and keeps each question's line number", () => {
    const questions = parseDataset(`${good}\n\n${JSON.stringify({ id: 7, doc: "b.pdf", question: "Why?" })}\n`);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatchObject({ id: "q1", answer: "1.5", evidence_pages: [2], line: 1 });
    expect(questions[1]).toMatchObject({ id: "7", doc: "b.pdf", line: 3 });
    expect(questions[1].evidence_pages).toBeUndefined();
  });

  it("names the line and the problem for invalid JSON", () => {
    const err = errorOf(`${good}\n{"id": "q2", "doc": `);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^set\.jsonl, line 2: not valid JSON/);
  });

  it("names a missing field", () => {
    const err = errorOf(`${good}\n${good.replace("q1", "q2")}\n${JSON.stringify({ id: "q3", doc: "a.pdf" })}`);
    expect(err.line).toBe(3);
    expect(err.message).toContain('field "question" is missing');
  });

  it("names a mistyped field", () => {
    const err = errorOf(JSON.stringify({ id: "q1", doc: "a.pdf", question: "Q", evidence_pages: [0] }));
    expect(err.line).toBe(1);
    expect(err.message).toContain('field "evidence_pages.0"');
    expect(errorOf(JSON.stringify({ id: "q1", doc: "a.pdf", question: "Q", evidence_pages: "3" })).message).toContain('field "evidence_pages"');
  });

  it("rejects non-objects, duplicate ids and empty files", () => {
    expect(errorOf("[1, 2]").message).toContain("expected a JSON object");
    const dup = errorOf(`${good}\n${good}`);
    expect(dup.line).toBe(2);
    expect(dup.message).toContain('id "q1" already used on line 1');
    expect(errorOf("\n  \n").message).toContain("no questions");
  });
});

describe("filterByCompanyRange", () => {
  const questions = parseDataset(
    [
      JSON.stringify({ id: "1", doc: "ADOBE_2015_10K.pdf", question: "q", company: "Adobe" }),
      JSON.stringify({ id: "2", doc: "BOEING_2022_10K.pdf", question: "q" }),
      JSON.stringify({ id: "3", doc: "x.pdf", question: "q", company: "Corning" }),
    ].join("\n"),
  );
  it("splits by the company's first letter (company field, else the document name before _)", () => {
    expect(filterByCompanyRange(questions, "A-B").map((q) => q.id)).toEqual(["1", "2"]);
    expect(filterByCompanyRange(questions, "c-z").map((q) => q.id)).toEqual(["3"]);
    expect(() => filterByCompanyRange(questions, "A")).toThrow(RangeError);
  });
});
