/**
 * The SQLite store (better-sqlite3, WAL). The only place that opens the database; the schema is created
 * and migrated on open. One connection per process and data directory.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../env";
import { MIGRATIONS } from "./migrations";

export type Db = Database.Database;

const connections = new Map<string, Db>();

/** Opens (once per process) the store in dataDir (default DATA_DIR), creating and migrating it. */
export function getDb(dataDir: string = readEnv().dataDir): Db {
  const existing = connections.get(dataDir);
  if (existing && existing.open) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, "tokenwise.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  migrate(db);
  connections.set(dataDir, db);
  return db;
}

/** Closes every open connection (tests and scripts). */
export function closeAllDbs(): void {
  for (const db of connections.values()) if (db.open) db.close();
  connections.clear();
}

/** Applies the migrations not yet applied, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Directory holding the original PDFs. */
export function pdfDir(dataDir: string = readEnv().dataDir): string {
  return path.join(dataDir, "pdfs");
}
