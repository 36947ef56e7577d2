import { describe, expect, it } from "vitest";
import { passageRanges } from "@/lib/qa";

const page = "Security. Passwords must be at least 14 characters long and changed every 12 months.\nReport lost laptops to the IT helpdesk within 24 hours. Never share your access badge.";

describe("passageRanges", () => {
  it("marks the lines of the passage found on the page, merged when adjacent", () => {
    const ranges = passageRanges({ pageText: page, passage: "Passwords must be at least 14 characters long and changed every 12 months.\nReport lost laptops to the IT helpdesk within 24 hours." });
    expect(ranges).toHaveLength(1);
    const [start, end] = ranges[0];
    expect(page.slice(start, end)).toBe("Passwords must be at least 14 characters long and changed every 12 months.\nReport lost laptops to the IT helpdesk within 24 hours.");
  });

  it("marks only the part of a passage that lies on this page", () => {
    const ranges = passageRanges({ pageText: page, passage: "Remote work is allowed three days a week.\n\nSecurity. Passwords must be at least 14 characters long and changed every 12 months." });
    expect(ranges.map(([s, e]) => page.slice(s, e))).toEqual(["Security. Passwords must be at least 14 characters long and changed every 12 months."]);
  });

  it("marks nothing for a passage from elsewhere, empty input or short fragments", () => {
    expect(passageRanges({ pageText: page, passage: "Parental leave lasts 16 weeks." })).toEqual([]);
    expect(passageRanges({ pageText: page, passage: "" })).toEqual([]);
    expect(passageRanges({ pageText: "", passage: "Security." })).toEqual([]);
    expect(passageRanges({ pageText: page, passage: "Security." })).toEqual([]);
  });
});
