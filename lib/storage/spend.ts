/**
 * The budget ledger (reservations) and the read side of the query log used by the spend dashboard.
 * A reservation is checked and written in one IMMEDIATE transaction: the write lock is taken before the
 * month's totals are read, so two requests (in one process or several) never see the same remainder.
 */
import type { LedgerGroup } from "../spend/ledger";
import type { LedgerTotals, QueryLogEntry, QueryLogFilter } from "../spend/types";
import { ledgerTotals } from "../spend/ledger";
import { getDb, type Db } from "./db";
import { toQueryCore, type QueryCoreRow } from "./queries";

export interface ReservationRecord {
  id: string;
  queryId: string | null;
  createdAt: number;
  month: string;
  reservedNano: number;
  settledNano: number | null;
  status: "reserved" | "settled" | "released";
}

function monthGroups(db: Db, month: string): LedgerGroup[] {
  const rows = db
    .prepare(
      `SELECT status, COALESCE(SUM(reserved_nano_usd), 0) AS reserved, COALESCE(SUM(settled_nano_usd), 0) AS settled
       FROM reservations WHERE month = ? GROUP BY status`,
    )
    .all(month) as { status: LedgerGroup["status"]; reserved: number; settled: number }[];
  return rows.map((row) => ({ status: row.status, reservedNano: row.reserved, settledNano: row.settled }));
}

/** Spent and reserved nano-dollars of a month ("YYYY-MM"). */
export function readLedgerTotals(month: string, db: Db = getDb()): LedgerTotals {
  return ledgerTotals(monthGroups(db, month));
}

/**
 * In one IMMEDIATE transaction: reads the month's totals, asks `decide` whether the reservation fits,
 * and inserts it only when it does. Returns decide's verdict with the totals it saw.
 */
export function reserveInLedger<T extends { fits: boolean }>(
  { reservation, decide }: { reservation: Omit<ReservationRecord, "settledNano" | "status">; decide: (totals: LedgerTotals) => T },
  db: Db = getDb(),
): { verdict: T; totals: LedgerTotals } {
  const insert = db.prepare(
    `INSERT INTO reservations (id, query_id, created_at, month, reserved_nano_usd, settled_nano_usd, status)
     VALUES (?, ?, ?, ?, ?, NULL, 'reserved')`,
  );
  const run = db.transaction(() => {
    const totals = ledgerTotals(monthGroups(db, reservation.month));
    const verdict = decide(totals);
    if (verdict.fits) insert.run(reservation.id, reservation.queryId, reservation.createdAt, reservation.month, reservation.reservedNano);
    return { verdict, totals };
  });
  return run.immediate();
}

/** Settles a held reservation to costNano; false when it was not held (already settled or released). */
export function settleInLedger({ id, costNano }: { id: string; costNano: number }, db: Db = getDb()): boolean {
  return (
    db.prepare(`UPDATE reservations SET status = 'settled', settled_nano_usd = ? WHERE id = ? AND status = 'reserved'`).run(costNano, id).changes > 0
  );
}

/** Releases a held reservation (nothing charged); false when it was not held. */
export function releaseInLedger(id: string, db: Db = getDb()): boolean {
  return db.prepare(`UPDATE reservations SET status = 'released' WHERE id = ? AND status = 'reserved'`).run(id).changes > 0;
}

export function getReservation(id: string, db: Db = getDb()): ReservationRecord | undefined {
  const row = db.prepare(`SELECT * FROM reservations WHERE id = ?`).get(id) as
    | { id: string; query_id: string | null; created_at: number; month: string; reserved_nano_usd: number; settled_nano_usd: number | null; status: ReservationRecord["status"] }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    queryId: row.query_id,
    createdAt: row.created_at,
    month: row.month,
    reservedNano: row.reserved_nano_usd,
    settledNano: row.settled_nano_usd,
    status: row.status,
  };
}

interface QueryRow extends QueryCoreRow {
  tier: string | null;
  route_stage: string | null;
}

function toEntry(row: QueryRow): QueryLogEntry {
  return {
    ...toQueryCore(row),
    tier: typeof row.tier === "string" && row.tier !== "" ? row.tier : null,
    routeStage: row.route_stage === "final" || row.route_stage === "escalated" ? row.route_stage : null,
  };
}

const COLUMNS = `id, created_at, question, document_ids, document_names, mode, model, status, error_code, prompt_tokens,
  cached_tokens, completion_tokens, estimated_prompt_tokens, estimated_nano_usd, cost_nano_usd, cost_is_estimate,
  full_context_nano_usd, full_context_fits, latency_ms,
  CASE WHEN json_valid(extra) THEN COALESCE(json_extract(extra, '$.route.tier'), json_extract(extra, '$.tier')) END AS tier,
  CASE
    WHEN NOT json_valid(extra) OR json_extract(extra, '$.route.classifiedTier') IS NULL THEN NULL
    WHEN json_extract(extra, '$.route.stage') IS NULL THEN 'final'
    WHEN json_extract(extra, '$.route.escalated') = 1 THEN 'escalated'
  END AS route_stage`;

/** Logged questions, newest first, filtered by time range, document, model and mode. */
export function listQueryLog(filter: QueryLogFilter = {}, db: Db = getDb()): QueryLogEntry[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.fromMs !== undefined) {
    where.push(`created_at >= ?`);
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    where.push(`created_at < ?`);
    params.push(filter.toMs);
  }
  if (filter.documentId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM json_each(queries.document_ids) WHERE json_each.value = ?)`);
    params.push(filter.documentId);
  }
  if (filter.model !== undefined) {
    where.push(`model = ?`);
    params.push(filter.model);
  }
  if (filter.mode !== undefined) {
    where.push(`mode = ?`);
    params.push(filter.mode);
  }
  const limit = Math.min(10_000, Math.max(1, Math.floor(filter.limit ?? 1000)));
  const sql = `SELECT ${COLUMNS} FROM queries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at DESC, rowid DESC LIMIT ${limit}`;
  return (db.prepare(sql).all(...params) as QueryRow[]).map(toEntry);
}

/** The distinct models and documents in the query log, for filter menus. */
export function listQueryLogFacets(db: Db = getDb()): { models: string[]; modes: string[]; documents: { id: string; name: string }[] } {
  const models = (db.prepare(`SELECT DISTINCT model FROM queries ORDER BY model`).all() as { model: string }[]).map((row) => row.model);
  const modes = (db.prepare(`SELECT DISTINCT mode FROM queries ORDER BY mode`).all() as { mode: string }[]).map((row) => row.mode);
  const documents = db.prepare(`SELECT id, name FROM documents ORDER BY name`).all() as { id: string; name: string }[];
  return { models, modes, documents };
}
