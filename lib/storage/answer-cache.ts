/**
 * The answer cache in the store: a stored question carries its cache key; a lookup returns the latest
 * good answer with that key. Cache hits are stored as questions of their own, without a key, so a hit
 * never becomes the source of another hit.
 */
import { getDb, type Db } from "./db";
import { toQueryRecord, type QueryRecord } from "./queries";

/** Tags a stored question with its cache key (after it was recorded as ok). */
export function setQueryCacheKey(queryId: string, cacheKey: string, db: Db = getDb()): void {
  db.prepare(`UPDATE queries SET cache_key = ? WHERE id = ?`).run(cacheKey, queryId);
}

/** The latest question stored with this key and status ok that has an answer, or undefined. */
export function findCachedAnswer(cacheKey: string, db: Db = getDb()): QueryRecord | undefined {
  const row = db
    .prepare(`SELECT * FROM queries WHERE cache_key = ? AND status = 'ok' AND answer IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT 1`)
    .get(cacheKey) as Parameters<typeof toQueryRecord>[0] | undefined;
  return row ? toQueryRecord(row) : undefined;
}

/** Merges fields into a stored question's extra JSON (route details, cache marks). */
export function mergeQueryExtra(queryId: string, extra: Record<string, unknown>, db: Db = getDb()): void {
  db.transaction(() => {
    const row = db.prepare(`SELECT extra FROM queries WHERE id = ?`).get(queryId) as { extra: string } | undefined;
    if (!row) return;
    let current: Record<string, unknown> = {};
    try {
      current = JSON.parse(row.extra) as Record<string, unknown>;
    } catch {
      current = {};
    }
    db.prepare(`UPDATE queries SET extra = ? WHERE id = ?`).run(JSON.stringify({ ...current, ...extra }), queryId);
  })();
}
