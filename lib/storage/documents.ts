/**
 * Documents, their pages and chunks. Writing a document is one transaction: all of it or none of it.
 */
import type { Chunk, ChunkStrategy, PageText } from "../chunking/types";
import type { Encoding } from "../tokens";
import { getDb, type Db } from "./db";

export interface DocumentRecord {
  id: string;
  name: string;
  sha256: string;
  bytes: number;
  pages: number;
  tokens: number;
  chunks: number;
  strategy: ChunkStrategy;
  windowTokens: number | null;
  overlapTokens: number | null;
  encoding: Encoding;
  createdAt: number;
}

export interface StoredPage extends PageText {
  tokens: number;
}

export interface StoredChunk extends Chunk {
  id: number;
  documentId: string;
}

interface DocumentRow {
  id: string;
  name: string;
  sha256: string;
  bytes: number;
  pages: number;
  tokens: number;
  chunks: number;
  strategy: ChunkStrategy;
  window_tokens: number | null;
  overlap_tokens: number | null;
  encoding: Encoding;
  created_at: number;
}

function toDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    name: row.name,
    sha256: row.sha256,
    bytes: row.bytes,
    pages: row.pages,
    tokens: row.tokens,
    chunks: row.chunks,
    strategy: row.strategy,
    windowTokens: row.window_tokens,
    overlapTokens: row.overlap_tokens,
    encoding: row.encoding,
    createdAt: row.created_at,
  };
}

/** Stores a document with its pages and chunks in one transaction. */
export function insertDocument(
  { document, pages, chunks }: { document: DocumentRecord; pages: StoredPage[]; chunks: Chunk[] },
  db: Db = getDb(),
): void {
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, name, sha256, bytes, pages, tokens, chunks, strategy, window_tokens, overlap_tokens, encoding, created_at)
     VALUES (@id, @name, @sha256, @bytes, @pages, @tokens, @chunks, @strategy, @windowTokens, @overlapTokens, @encoding, @createdAt)`,
  );
  const insertPage = db.prepare(`INSERT INTO pages (document_id, page_number, text, tokens) VALUES (?, ?, ?, ?)`);
  const insertChunk = db.prepare(
    `INSERT INTO chunks (document_id, ord, page_start, page_end, text, tokens) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    insertDoc.run(document);
    for (const page of pages) insertPage.run(document.id, page.pageNumber, page.text, page.tokens);
    for (const chunk of chunks) insertChunk.run(document.id, chunk.ord, chunk.pageStart, chunk.pageEnd, chunk.text, chunk.tokens);
  })();
  bumpDocumentsVersion();
}

/** All documents, newest first. */
export function listDocuments(db: Db = getDb()): DocumentRecord[] {
  const rows = db.prepare(`SELECT * FROM documents ORDER BY created_at DESC, id`).all() as DocumentRow[];
  return rows.map(toDocument);
}

export function getDocument(id: string, db: Db = getDb()): DocumentRecord | undefined {
  const row = db.prepare(`SELECT * FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
  return row ? toDocument(row) : undefined;
}

export function findDocumentBySha256(sha256: string, db: Db = getDb()): DocumentRecord | undefined {
  const row = db.prepare(`SELECT * FROM documents WHERE sha256 = ?`).get(sha256) as DocumentRow | undefined;
  return row ? toDocument(row) : undefined;
}

/** Deletes a document with its pages and chunks; true when it existed. */
export function deleteDocument(id: string, db: Db = getDb()): boolean {
  const changes = db.prepare(`DELETE FROM documents WHERE id = ?`).run(id).changes;
  if (changes > 0) bumpDocumentsVersion();
  return changes > 0;
}

/** The pages of a document in order. */
export function getPages(documentId: string, db: Db = getDb()): StoredPage[] {
  return db
    .prepare(`SELECT page_number AS pageNumber, text, tokens FROM pages WHERE document_id = ? ORDER BY page_number`)
    .all(documentId) as StoredPage[];
}

/** The chunks of the given documents (all documents when ids is undefined), in document order. */
export function getChunks(documentIds: string[] | undefined, db: Db = getDb()): StoredChunk[] {
  const select = `SELECT id, document_id AS documentId, ord, page_start AS pageStart, page_end AS pageEnd, text, tokens FROM chunks`;
  if (documentIds === undefined) return db.prepare(`${select} ORDER BY document_id, ord`).all() as StoredChunk[];
  if (documentIds.length === 0) return [];
  const placeholders = documentIds.map(() => "?").join(",");
  return db
    .prepare(`${select} WHERE document_id IN (${placeholders}) ORDER BY document_id, ord`)
    .all(...documentIds) as StoredChunk[];
}

let documentsVersion = 0;

/** Changes whenever a document is added or removed in this process: caches keyed on it rebuild. */
export function getDocumentsVersion(): number {
  return documentsVersion;
}

function bumpDocumentsVersion(): void {
  documentsVersion++;
}
