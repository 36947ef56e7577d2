/**
 * Where a passage sits on a page, pure: the character ranges of the page text that the passage's lines
 * repeat (a passage may start or end on another page, so each line is looked up on its own).
 */

/** Shortest passage line looked up, in characters; shorter ones would match by chance. 12. */
export const MIN_HIGHLIGHT_CHARS = 12;

export function passageRanges({ pageText, passage }: { pageText: string; passage: string }): [number, number][] {
  const ranges: [number, number][] = [];
  for (const raw of passage.split(/\n+/)) {
    const line = raw.trim();
    if (line.length < MIN_HIGHLIGHT_CHARS) continue;
    const at = pageText.indexOf(line);
    if (at >= 0) ranges.push([at, at + line.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    // Join ranges separated only by whitespace.
    if (last && range[0] <= last[1] + 2 && /^\s*$/.test(pageText.slice(last[1], range[0]))) last[1] = Math.max(last[1], range[1]);
    else if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
