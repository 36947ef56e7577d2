import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compressPassages, compressText, questionFigures } from "@/lib/compression/compress";
import { PAGE_MARK, segmentText, splitSentences } from "@/lib/compression/segment";
import { countTokens } from "@/lib/tokens";

const annualReport = [
  "[p. 12]",
  "Forward-looking statements involve risks and uncertainties that could cause results to differ materially.",
  "We design, manufacture and sell pumps for industrial customers in Europe and North America.",
  "Our headquarters are located in Rotterdam, where we also operate our main distribution centre.",
  "",
  "Table of Contents",
  "CONSOLIDATED BALANCE SHEETS",
  "2015 2014",
  "Cash and cash equivalents 876,560 1,117,400",
  "Trade receivables 672,006 591,800",
  "Total current liabilities 2,213,556 2,494,914",
  "",
  "[p. 13]",
  "Net cash provided by operating activities was 1,469,502 in fiscal 2015, driven by subscription revenue.",
  "Employees took part in volunteering programmes in several cities during the year.",
  "The board met eleven times and its committees met regularly throughout the period.",
].join("\n");

describe("compressText", () => {
  const question = "What is the FY2015 operating cash flow ratio? Cash from operations / total current liabilities.";
  const { text, stats } = compressText({ question, text: annualReport, ratio: 0.45 });

  it("keeps the rows and sentences that bear on the question and drops the rest", () => {
    expect(text).toContain("Total current liabilities 2,213,556 2,494,914");
    expect(text).toContain("Net cash provided by operating activities was 1,469,502 in fiscal 2015");
    expect(text).not.toContain("volunteering");
    expect(text).not.toContain("The board met eleven times");
  });

  it("drops boilerplate", () => {
    expect(text).not.toContain("Table of Contents");
  });

  it("keeps page marks in order", () => {
    expect(text.indexOf("[p. 12]")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("[p. 13]")).toBeGreaterThan(text.indexOf("[p. 12]"));
  });

  it("keeps a page mark on its own line when the sentence after it continued a dropped one", () => {
    const text = "Revenue revenue.\nRevenue revenue 1,000.\n[p. 9]\n[p. 1]\nRevenue revenue 1,000.\nRevenue revenue 10.\nrevenue total 1,000,000 10";
    const out = compressText({ question: "9", text, ratio: 0.3818181818181819 }).text;
    expect(out.split("\n").filter((line) => PAGE_MARK.test(line))).toEqual(["[p. 9]", "[p. 1]"]);
  });

  it("reports tokens before and after, counted on the texts", () => {
    expect(stats.tokensBefore).toBe(countTokens(annualReport));
    expect(stats.tokensAfter).toBe(countTokens(text));
    expect(stats.tokensAfter).toBeLessThan(stats.tokensBefore);
    expect(stats.targetTokens).toBe(Math.ceil(stats.tokensBefore * 0.45));
  });

  it("keeps everything relevant at ratio 1 and less at a smaller ratio", () => {
    const full = compressText({ question, text: annualReport, ratio: 1 }).stats.tokensAfter;
    const small = compressText({ question, text: annualReport, ratio: 0.2 }).stats.tokensAfter;
    expect(small).toBeLessThan(full);
  });

  it("handles empty context and empty question", () => {
    expect(compressText({ question, text: "" })).toMatchObject({ text: "", stats: { tokensBefore: 0, tokensAfter: 0 } });
    const noQuestion = compressText({ question: "", text: annualReport, ratio: 0.5 });
    expect(noQuestion.text).toContain("[p. 12]");
    expect(noQuestion.stats.tokensAfter).toBeLessThan(noQuestion.stats.tokensBefore);
  });

  it("treats a NaN or out-of-range ratio as the default or its bounds", () => {
    const nan = compressText({ question, text: annualReport, ratio: Number.NaN }).stats.targetTokens;
    expect(nan).toBe(Math.ceil(countTokens(annualReport) * 0.5));
    expect(compressText({ question, text: annualReport, ratio: 5 }).stats.targetTokens).toBe(countTokens(annualReport));
  });
});

describe("compressPassages", () => {
  it("keeps each passage's fields, leaves out emptied passages and drops repeats", () => {
    const passages = [
      { id: 1, pageStart: 3, pageEnd: 3, text: "Revenue grew 12% to 4,796 million.\nThe weather was mild." },
      { id: 2, pageStart: 9, pageEnd: 9, text: "Our cafeteria serves lunch daily. Parking is free for visitors." },
      { id: 3, pageStart: 10, pageEnd: 10, text: "Revenue grew 12% to 4,796 million." },
    ];
    const got = compressPassages({ question: "How much did revenue grow?", passages, ratio: 0.6 });
    expect(got.passages.map((p) => p.id)).toEqual([1]);
    expect(got.passages[0]).toMatchObject({ pageStart: 3, pageEnd: 3 });
    expect(got.passages[0].text).toContain("Revenue grew 12% to 4,796 million.");
    expect(got.droppedPassages).toBe(2);
  });
});

const balanceSheetPage = [
  "ACME PUMPS N.V.",
  "CONSOLIDATED BALANCE SHEETS",
  "(In thousands)",
  "December 31, 2023 2022",
  "Cash and cash equivalents 876,560 1,117,400",
  "Trade receivables 672,006 591,800",
  "Merchandise inventories 1,409,221 1,209,876",
  "Other current assets 46,600 43,800",
  "Total current assets 3,004,387 2,962,876",
  "",
  "Liabilities and equity",
  "Accounts payable 525,700 487,300",
  "Total current liabilities 751,300 781,700",
  "",
  "See accompanying notes to consolidated financial statements.",
  "",
  "85",
  "Our warehouses hold inventories of spare parts for customers in twelve countries, and we review the inventory levels every quarter with each regional manager.",
  "The company sponsors a football team and a choir in Rotterdam, whose members are mostly employees and their families.",
  "Management believes the inventory reserve methodology is appropriate, and changes to the reserve have historically been small relative to revenue.",
].join("\n");

describe("scoring and structure", () => {
  const question = "What was the value of merchandise inventories at the end of 2023 per the balance sheet?";

  it("keeps the best-matching row and the table's title lines even at a tight budget", () => {
    const { text } = compressText({ question, text: balanceSheetPage, ratio: 0.3 });
    expect(text).toContain("Merchandise inventories 1,409,221 1,209,876");
    expect(text).toContain("CONSOLIDATED BALANCE SHEETS (In thousands)");
    expect(text).not.toContain("football");
  });

  it("keeps the whole table around a strong row, across a blank line, before prose that only shares a word", () => {
    const { text } = compressText({ question, text: balanceSheetPage, ratio: 0.7 });
    for (const row of ["Cash and cash equivalents 876,560", "Trade receivables 672,006", "Total current assets 3,004,387", "Liabilities and equity", "Accounts payable 525,700", "Total current liabilities 751,300"]) {
      expect(text).toContain(row);
    }
    expect(text).not.toContain("Our warehouses hold inventories");
  });

  it("takes the matching rows of a kept table before shorter rows that only belong to it", () => {
    // Only the title is taken first here (anchorShare 1), so the order among the rows is the worth per token's.
    const { text } = compressText({ question: "Consolidated balance sheet: inventories and cash", text: balanceSheetPage, ratio: 0.3, tuning: { anchorShare: 1 } });
    expect(text).toContain("Merchandise inventories 1,409,221");
    expect(text).toContain("Cash and cash equivalents 876,560");
    expect(text).not.toContain("Accounts payable");
  });

  it("never keeps page furniture: page numbers, notes references, dot leaders", () => {
    const page = [
      "Item 7. Management's Discussion ........ 45",
      "- 12 -",
      "F-7",
      "iv",
      "Revenue by segment was as follows:",
      "Pumps ........ 4,210 3,980",
      "Valves ........ 1,115 1,002",
    ].join("\n");
    const { text } = compressText({ question: "What was revenue from pumps?", text: page, ratio: 1 });
    expect(text).toContain("Pumps 4,210 3,980");
    expect(text).not.toMatch(/\.{4}/);
    for (const line of text.split("\n")) expect(line).not.toMatch(/^(?:- 12 -|F-7|iv)$/);
    expect(compressText({ question, text: balanceSheetPage, ratio: 1 }).text).not.toMatch(/^85$|See accompanying notes/m);
  });

  it("matches the question as retrieval analyses it: stems, fiscal-year abbreviations, instruction words ignored", () => {
    const text = [
      "All amounts in this report are rounded to two decimal places and explained in the notes.",
      "Free cash flows for fiscal 2022 reached a record as working capital improved.",
      "The board thanked the staff for their dedication during a demanding year.",
    ].join("\n");
    const out = compressText({ question: "What was FY2022 free cash flow? Round your answer to two decimal places and explain.", text, ratio: 0.45 }).text;
    expect(out).toContain("Free cash flows for fiscal 2022");
    expect(out).not.toContain("rounded to two decimal places");
  });

  it("keeps more of the passage retrieval ranked higher when two match alike", () => {
    const a = "Warranty provisions rose to 310 as claims on the new pump line grew.\nWarranty claims are settled within ninety days of the repair.";
    const b = "Warranty provisions fell to 120 after the valve recall ended.\nWarranty claims on valves are settled by the distributor.";
    const got = compressPassages({ question: "How did warranty provisions and claims change?", passages: [{ id: "a", text: a, score: 3 }, { id: "b", text: b, score: 9 }], ratio: 0.5 });
    const kept = new Map(got.passages.map((p) => [p.id, p.text.length]));
    expect(kept.get("b") ?? 0).toBeGreaterThan(kept.get("a") ?? 0);
    const swapped = compressPassages({ question: "How did warranty provisions and claims change?", passages: [{ id: "a", text: a, score: 9 }, { id: "b", text: b, score: 3 }], ratio: 0.5 });
    const keptSwapped = new Map(swapped.passages.map((p) => [p.id, p.text.length]));
    expect(keptSwapped.get("a") ?? 0).toBeGreaterThan(keptSwapped.get("b") ?? 0);
  });

  it("keeps more of a passage whose heading names the question's subject, however far down its sentences are", () => {
    const note = [
      "Note 7. Goodwill and Intangible Assets",
      "We assess each reporting unit once a year in the fourth quarter.",
      "Fair value is estimated from discounted future cash flows.",
      "The discount rates used ranged from 8% to 11%.",
      "Long-term growth rates were set at 2% for all units.",
      "Management also considered market multiples of peers.",
      "The fair value of every unit exceeded its carrying amount.",
      "No charge was recorded in the year.",
      "The largest unit had headroom of about 40%.",
      "A one point rise in the discount rate would not change the conclusion.",
    ].join("\n");
    const other = [
      "Our stores sell appliances, phones and computers.",
      "We opened twelve new locations in the period.",
      "Goodwill from the acquisition of a repair business was small.",
      "Customers can book repairs online or in person.",
      "Service revenue grew faster than product sales.",
      "Staff turnover fell for the second year.",
      "Energy use per square foot declined.",
      "We donated laptops to schools in three cities.",
      "Our loyalty programme reached ten million members.",
    ].join("\n");
    const run = (tuning: Parameters<typeof compressPassages>[0]["tuning"]) =>
      new Map(compressPassages({ question: "How was goodwill assessed?", passages: [{ id: "note", text: note, score: 5 }, { id: "other", text: other, score: 5 }], ratio: 0.5, tuning }).passages.map((p) => [p.id, p.text]));
    const withHeading = run({});
    const without = run({ headingWeight: 0 });
    expect(withHeading.get("note")).toContain("Management also considered market multiples of peers.");
    expect(withHeading.get("other")).not.toContain("Our stores sell appliances");
    expect(without.get("note")).not.toContain("Management also considered");
    expect(without.get("other")).toContain("Our stores sell appliances");
  });

  it("takes a table's rows before prose that only surrounds a match, even in a higher-ranked passage", () => {
    const table = ["Balance sheet (in millions) 2023 2022", "Cash 1,980 1,101", "Receivables 1,015 1,049", "Inventories 5,409 5,209", "Other current assets 466 438", "Land and buildings 637 623", "Goodwill 915 425", "Accounts payable 5,257 4,873"].join("\n");
    const prose = [
      "Inventories rose as we stocked up ahead of the holidays, and shrink stayed low.",
      "Our buyers negotiated better terms with two large suppliers.",
      "Freight costs fell in the second half of the year.",
      "We closed an older warehouse and moved its stock to a new site.",
      "Seasonal staff were hired earlier than in past years.",
      "Receivables were collected faster.",
    ].join(" ");
    const run = (tuning: Parameters<typeof compressPassages>[0]["tuning"]) =>
      new Map(compressPassages({ question: "How did inventories change?", passages: [{ id: "table", text: table, score: 3 }, { id: "prose", text: prose, score: 9 }], ratio: 0.6, tuning }).passages.map((p) => [p.id, p.text]));
    const boosted = run({});
    expect(boosted.get("table")).toContain("Balance sheet (in millions) 2023 2022");
    expect(boosted.get("table")).toContain("Receivables 1,015 1,049");
    expect(boosted.get("prose")).not.toContain("Seasonal staff");
    const flat = run({ tableBoost: 0 });
    expect(flat.get("table")).not.toContain("Receivables 1,015 1,049");
    expect(flat.get("prose")).toContain("Seasonal staff");
  });

  it("scores a year the question names as a term instead of keeping every sentence naming it", () => {
    const filler = Array.from({ length: 12 }, (_, i) => `In fiscal 2019 the ${["board", "staff", "auditors", "committee"][i % 4]} met ${i + 2} times to review routine matters of governance.`);
    const text = [...filler.slice(0, 6), "Revenue in fiscal 2019 rose to 42,879 from 42,151, led by online sales.", ...filler.slice(6)].join("\n");
    const out = compressText({ question: "What was revenue in FY2019?", text, ratio: 0.3 }).text;
    expect(out).toContain("Revenue in fiscal 2019 rose to 42,879");
    expect(filler.filter((sentence) => out.includes(sentence)).length).toBeLessThan(filler.length / 2);
    // A figure is still kept whatever the budget.
    const figure = compressText({ question: "Where does the 42,879 come from in FY2019?", text, ratio: 0.1 }).text;
    expect(figure).toContain("Revenue in fiscal 2019 rose to 42,879");
  });
});

describe("questionFigures", () => {
  it("takes amounts, rates and counts of two or more digits, not years or single digits", () => {
    expect([...questionFigures("Was FY2019 revenue 16,525 or 0.66 of the 2018 figure, over 365 days and 3 years?")].sort()).toEqual(["0.66", "16525", "365"]);
    expect([...questionFigures("Compare FY19 and fiscal 2020 with CY21")]).toEqual([]);
    expect([...questionFigures("Is 2,019 the count of stores, and 1,999 the staff?")].sort()).toEqual(["1999", "2019"]);
    expect([...questionFigures("A margin of 12.5% on 48 units.")].sort()).toEqual(["12.5", "48"]);
  });
});

describe("segmentText", () => {
  it("joins a row's figures back to its label and prose lines into sentences", () => {
    const units = segmentText("Total current assets\n$ 4,821,892\n$ 4,602,328\nWe sell software to\ncreative professionals. Sales grew.");
    expect(units.map((u) => [u.kind, u.text])).toEqual([
      ["row", "Total current assets $ 4,821,892 $ 4,602,328"],
      ["sentence", "We sell software to creative professionals."],
      ["sentence", "Sales grew."],
    ]);
  });

  it("recognises page marks of several styles", () => {
    for (const mark of ["[p. 12]", "[Page 3]", "--- page 4 ---", "<page 5>", "[Annual report.pdf, pages 3-4]", "Page 7 of 90"]) expect(PAGE_MARK.test(mark)).toBe(true);
    expect(PAGE_MARK.test("The page 3 table shows revenue")).toBe(false);
  });

  it("does not split at common abbreviations", () => {
    expect(splitSentences("Apple Inc. sells phones in the U.S. market. It grew.")).toEqual(["Apple Inc. sells phones in the U.S. market.", "It grew."]);
  });
});

describe("properties", () => {
  const word = fc.constantFrom("revenue", "cash", "margin", "the", "board", "lease", "pump", "warranty", "office", "growth", "assets", "costs");
  const figure = fc.integer({ min: 10, max: 9_999_999 }).map((n) => n.toLocaleString("en-US"));
  const sentence = fc
    .tuple(fc.array(word, { minLength: 2, maxLength: 12 }), fc.option(figure, { nil: undefined }))
    .map(([words, n]) => `${words.join(" ")}${n ? ` ${n}` : ""}`.replace(/^./, (c) => c.toUpperCase()) + ".");
  const line = fc.oneof(
    { weight: 6, arbitrary: sentence },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((p) => `[p. ${p}]`) },
    { weight: 1, arbitrary: fc.tuple(word, figure, figure).map(([w, a, b]) => `${w} total ${a} ${b}`) },
  );
  const context = fc.array(line, { minLength: 1, maxLength: 40 }).map((lines) => lines.join("\n"));

  it("never drops a sentence or row containing a figure of the question", () => {
    fc.assert(
      fc.property(context, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), figure, fc.double({ min: 0.1, max: 1, noNaN: true }), (text, picks, extra, ratio) => {
        // Figures the question names: some taken from the context itself, one possibly absent from it.
        const inText = text.match(/\d{1,3}(?:,\d{3})+|\d{2,}/g)?.filter((n) => !text.includes(`[p. ${n}]`)) ?? [];
        const named = [...picks.map((i) => inText[i % Math.max(1, inText.length)]).filter(Boolean), extra];
        const question = `What was the amount ${named.join(" or ")}?`;
        const wanted = questionFigures(question);
        const out = compressText({ question, text, ratio }).text;
        for (const unit of segmentText(text)) {
          const hasFigure = unit.text.match(/\d[\d,]*(?:\.\d+)?/g)?.some((n) => wanted.has(n.replace(/,/g, "")));
          if (hasFigure) expect(out).toContain(unit.text);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps figure units and page marks of every passage whatever the retrieval scores, and never grows the context", () => {
    const passage = fc.record({ text: context, score: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 4 }), figure, fc.double({ min: 0.1, max: 1, noNaN: true }), (passages, named, ratio) => {
        const all = passages.map((p) => p.text).join("\n");
        const inText = all.match(/\d{1,3}(?:,\d{3})+/)?.[0] ?? named;
        const question = `Which total was ${inText}?`;
        const wanted = questionFigures(question);
        const { passages: out, stats } = compressPassages({ question, passages, ratio });
        const outText = out.map((p) => p.text).join("\n");
        for (const unit of segmentText(all)) {
          if (unit.kind === "mark" || unit.text.match(/\d[\d,]*(?:\.\d+)?/g)?.some((n) => wanted.has(n.replace(/,/g, "")))) expect(outText).toContain(unit.text);
        }
        expect(stats.tokensAfter).toBeLessThanOrEqual(stats.tokensBefore);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps every page mark, in order, and never grows the context", () => {
    fc.assert(
      fc.property(context, fc.string({ maxLength: 60 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (text, question, ratio) => {
        const { text: out, stats } = compressText({ question, text, ratio });
        const marks = text.split("\n").filter((l) => PAGE_MARK.test(l));
        const outMarks = out.split("\n").filter((l) => PAGE_MARK.test(l));
        expect(outMarks).toEqual(marks);
        expect(stats.tokensAfter).toBeLessThanOrEqual(stats.tokensBefore);
      }),
      { numRuns: 150 },
    );
  });
});
