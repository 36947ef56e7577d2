/**
 * What is sent, pure: passages from retrieval made safe to send once (overlapping windows de-duplicated,
 * neighbours merged) and ordered where models read best (strongest at the start and the end).
 */

export interface PassageInput {
  documentId: string;
  ord: number;
  pageStart: number;
  pageEnd: number;
  text: string;
  score: number;
}

/** Shortest repeated text treated as an overlap, in characters (shorter matches are coincidence); 16. */
export const MIN_OVERLAP_CHARS = 16;

/**
 * Characters at the start of next that repeat the end of prev (an overlapping window), or 0 when the
 * overlap is shorter than minChars (default 16).
 */
export function overlapChars(prev: string, next: string, minChars = MIN_OVERLAP_CHARS): number {
  const max = Math.min(prev.length, next.length);
  for (let k = max; k >= minChars; k--) {
    // Cheap check first: the last char of the overlap must match.
    if (prev.charCodeAt(prev.length - 1) !== next.charCodeAt(k - 1)) continue;
    if (prev.endsWith(next.slice(0, k))) return k;
  }
  return 0;
}

/** True when two page ranges overlap or sit side by side: only such passages can be overlapping windows. */
function pagesTouch(a: PassageInput, b: PassageInput): boolean {
  return a.pageStart <= b.pageEnd + 1 && b.pageStart <= a.pageEnd + 1;
}

/**
 * Passages of the same document that repeat each other are sent once: a passage contained in another
 * is dropped (its score kept if higher), and one whose start repeats another's end is merged into it,
 * spanning both page ranges. Merging needs page ranges that touch: distant pages that happen to share
 * text (a running footer) stay separate passages. Order of first appearance is kept.
 */
export function dedupePassages<T extends PassageInput>(passages: T[]): T[] {
  const out: T[] = [];
  for (const passage of passages) {
    let absorbed = false;
    for (let i = 0; i < out.length && !absorbed; i++) {
      const kept = out[i];
      if (kept.documentId !== passage.documentId) continue;
      const score = Math.max(kept.score, passage.score);
      const pageStart = Math.min(kept.pageStart, passage.pageStart);
      const pageEnd = Math.max(kept.pageEnd, passage.pageEnd);
      if (kept.text.includes(passage.text)) {
        out[i] = { ...kept, score };
        absorbed = true;
      } else if (!pagesTouch(kept, passage)) {
        continue;
      } else if (passage.text.includes(kept.text)) {
        out[i] = { ...passage, score, pageStart, pageEnd };
        absorbed = true;
      } else {
        const forward = overlapChars(kept.text, passage.text);
        const backward = forward > 0 ? 0 : overlapChars(passage.text, kept.text);
        if (forward > 0) {
          out[i] = { ...kept, text: kept.text + passage.text.slice(forward), score, pageStart, pageEnd, ord: Math.min(kept.ord, passage.ord) };
          absorbed = true;
        } else if (backward > 0) {
          out[i] = { ...passage, text: passage.text + kept.text.slice(backward), score, pageStart, pageEnd, ord: Math.min(kept.ord, passage.ord) };
          absorbed = true;
        }
      }
    }
    if (!absorbed) out.push(passage);
  }
  return out;
}

/**
 * Strongest first, second strongest last, alternating inwards so the weakest sit in the middle
 * (Lost in the Middle): ranks [1, 3, 5, ..., 6, 4, 2]. Ties keep input order.
 */
export function orderStrongestAtEdges<T extends { score: number }>(items: T[]): T[] {
  const ranked = items.map((item, i) => ({ item, i })).sort((a, b) => b.item.score - a.item.score || a.i - b.i);
  const front: T[] = [];
  const back: T[] = [];
  ranked.forEach(({ item }, rank) => (rank % 2 === 0 ? front : back).push(item));
  return [...front, ...back.reverse()];
}

/**
 * A passage spanning several pages cut into single-page pieces, so each sentence can cite its own page:
 * the text splits at blank lines (pages are joined by one) and each piece goes to the page whose text
 * contains it; a piece found on no page keeps the whole range. Pure.
 */
export function splitByPage<T extends { pageStart: number; pageEnd: number; text: string }>({ passage, pages }: { passage: T; pages: { pageNumber: number; text: string }[] }): T[] {
  if (passage.pageStart === passage.pageEnd) return [passage];
  const inRange = pages.filter((p) => p.pageNumber >= passage.pageStart && p.pageNumber <= passage.pageEnd);
  const out: T[] = [];
  for (const raw of passage.text.split(/\n{2,}/)) {
    const piece = raw.trim();
    if (!piece) continue;
    const page = inRange.find((p) => p.text.includes(piece)) ?? inRange.find((p) => piece.length > 40 && (p.text.includes(piece.slice(0, 40)) || p.text.includes(piece.slice(-40))));
    const pageStart = page ? page.pageNumber : passage.pageStart;
    const pageEnd = page ? page.pageNumber : passage.pageEnd;
    const last = out[out.length - 1];
    if (last && last.pageStart === pageStart && last.pageEnd === pageEnd) last.text = `${last.text}\n\n${piece}`;
    else out.push({ ...passage, pageStart, pageEnd, text: piece });
  }
  return out.length > 0 ? out : [passage];
}
