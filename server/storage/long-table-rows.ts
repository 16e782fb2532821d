// The long answers table's rows made from stored responses, as both engines expand them: one row per
// answer, sorted in primary-key order, and one count per (version, question, category, option).
import { parseStoredRows } from "./stored-rows.ts";

export type LongRow = [
  version: number,
  question: string,
  category: string,
  option: string,
  id: string,
  text: string | null,
];

export interface PendingResponse {
  id: string;
  version: number;
  category: string;
  answers: string;
}

/**
 * Sorted by primary key: SQLite's consecutive inserts then land on the same B-tree pages, and
 * PostgreSQL's upserts lock count rows in one order in every instance, so two never deadlock.
 */
export function longRowsOf(responses: readonly PendingResponse[]): LongRow[] {
  const rows: LongRow[] = [];
  for (const r of responses)
    for (const [question, option, text] of parseStoredRows(r.answers))
      rows.push([r.version, question, r.category, option, r.id, text]);
  return rows.sort(compareRows);
}

/** Sorted rows make equal count keys adjacent: one upsert per key, not per answer. */
export function countRuns(rows: readonly LongRow[]): [number, string, string, string, number][] {
  const counts: [number, string, string, string, number][] = [];
  let run = 0;
  rows.forEach((row, i) => {
    run += 1;
    const next = rows[i + 1];
    if (
      next &&
      next[0] === row[0] &&
      next[1] === row[1] &&
      next[2] === row[2] &&
      next[3] === row[3]
    )
      return;
    counts.push([row[0], row[1], row[2], row[3], run]);
    run = 0;
  });
  return counts;
}

function compareRows(a: LongRow, b: LongRow): number {
  for (let i = 0; i < 5; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
