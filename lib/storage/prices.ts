/** Price overrides and added models, stored as JSON per model name. */
import type { ModelPrice } from "../pricing/types";
import { getDb, type Db } from "./db";

export function listStoredPrices(db: Db = getDb()): ModelPrice[] {
  const rows = db.prepare(`SELECT value FROM prices ORDER BY model`).all() as { value: string }[];
  return rows.map((row) => JSON.parse(row.value) as ModelPrice);
}

export function saveStoredPrice(price: ModelPrice, now: number, db: Db = getDb()): void {
  db.prepare(
    `INSERT INTO prices (model, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(model) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(price.model, JSON.stringify(price), now);
}

/** Removes a stored override or added model; true when one existed. */
export function deleteStoredPrice(model: string, db: Db = getDb()): boolean {
  return db.prepare(`DELETE FROM prices WHERE model = ?`).run(model).changes > 0;
}
