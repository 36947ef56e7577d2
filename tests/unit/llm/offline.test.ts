import { describe, expect, it } from "vitest";
import { composeOfflineAnswer, createOfflineAnswerer, rankSentences, splitSentences } from "@/lib/llm";
import { HANDBOOK_PAGES } from "../../support/seed-documents";

const passages = HANDBOOK_PAGES.map((text, i) => ({ documentName: "handbook.pdf", pageStart: i + 1, pageEnd: i + 1, text }));

describe("offline answerer", () => {
  it("ranks the sentence that answers the question first, weighting rare terms", () => {
    const ranked = rankSentences({ question: "How many days of paid vacation do employees accrue?", passages });
    expect(ranked[0].text).toBe("Full-time employees accrue 25 days of paid vacation per year.");
    expect(ranked[0].citation).toBe("[p. 2]");
    const hotel = rankSentences({ question: "What is the hotel limit per night?", passages });
    expect(hotel[0].text).toContain("180 euros per night");
    expect(hotel[0].citation).toBe("[p. 3]");
  });

  it("answers with page citations, and says so when nothing matches", () => {
    const answer = composeOfflineAnswer({ question: "How long must passwords be?", passages });
    expect(answer).toContain("at least 14 characters");
    expect(answer).toContain("[p. 5]");
    expect(composeOfflineAnswer({ question: "zebra quantum", passages })).toMatch(/None of the retrieved passages/);
    expect(composeOfflineAnswer({ question: "anything", passages: [] })).toMatch(/No passages/);
    expect(composeOfflineAnswer({ question: "the of and", passages })).toMatch(/None of the retrieved passages/);
  });

  it("cites a page range for passages spanning pages", () => {
    const answer = composeOfflineAnswer({ question: "parental leave weeks", passages: [{ documentName: "h", pageStart: 6, pageEnd: 7, text: HANDBOOK_PAGES[5] }] });
    expect(answer).toContain("[pp. 6-7]");
  });

  it("splits sentences and list items", () => {
    expect(splitSentences("First one. Second one! Third?\n- item a\n- item b")).toEqual(["First one.", "Second one!", "Third?", "- item a", "- item b"]);
  });

  it("streams its answer, reports its own usage at zero cost, and stops on a signal", async () => {
    const answerer = createOfflineAnswerer();
    const pieces: string[] = [];
    const messages = [{ role: "user" as const, content: "hello" }];
    const result = await answerer.answer({ model: "offline", messages, maxOutputTokens: 100, question: "vacation days", passages, onToken: (t) => pieces.push(t) });
    expect(pieces.join("")).toBe(result.text);
    expect(pieces.length).toBeGreaterThan(3);
    expect(result.usage).toMatchObject({ promptTokens: 8, cachedTokens: 0 });
    expect(result.usage?.completionTokens).toBeGreaterThan(0);

    const stop = new AbortController();
    const stopped = await answerer.answer({ model: "offline", messages, maxOutputTokens: 100, question: "vacation days", passages, signal: stop.signal, onToken: () => stop.abort() });
    expect(stopped.aborted).toBe(true);
    expect(stopped.text.length).toBeLessThan(result.text.length);
  });
});

describe("offline answers from tables", () => {
  const balanceSheet = {
    documentId: "d1",
    documentName: "annual-report.pdf",
    pageStart: 61,
    pageEnd: 61,
    text: [
      "CONSOLIDATED BALANCE SHEETS",
      "(In millions) 2023 2022",
      "ASSETS",
      "Current assets:",
      "Cash and equivalents $ 7,441 $ 8,574",
      "Inventories 8,454 8,420",
      "Total current assets 25,202 28,213",
      "TOTAL ASSETS $ 37,531 $ 40,321",
    ].join("\n"),
  };
  const prose = {
    documentId: "d1",
    documentName: "annual-report.pdf",
    pageStart: 37,
    pageEnd: 37,
    text: "Direct revenues increased 14% from $18.7 billion in fiscal 2022 to $21.3 billion in fiscal 2023. Digital sales were $12.6 billion for fiscal 2023 compared to\n$10.7 billion for fiscal 2022.",
  };

  it("answers with the table row and its column header, not prose that shares only the year", () => {
    const ranked = rankSentences({ question: "What were total current assets in fiscal 2023?", passages: [prose, balanceSheet] });
    expect(ranked[0].text).toBe("Total current assets 25,202 28,213 (columns: 2023 2022)");
    expect(ranked[0].citation).toBe("[p. 61]");
  });

  it("keeps wrapped prose together instead of reading its lines as table rows", () => {
    const units = splitSentences(prose.text);
    expect(units).toEqual([
      "Direct revenues increased 14% from $18.7 billion in fiscal 2022 to $21.3 billion in fiscal 2023.",
      "Digital sales were $12.6 billion for fiscal 2023 compared to $10.7 billion for fiscal 2022.",
    ]);
  });
});
