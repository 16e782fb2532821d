// Reads a server's SQLite file read-only, as an auditor would after a crash, and compares every
// stored response with what was sent: nothing acknowledged lost, nothing changed, nothing invented.
import Database from "better-sqlite3";
import { receiptFor } from "../../server/ballot-box/response-ids.ts";
import { type AnswerValue, isChoice, listQuestions } from "../../surveys/format/answers.ts";
import type { RequestRecord } from "./load-driver.ts";
import type { SentSubmission } from "./unique-submissions.ts";

export interface StoredCheck {
  stored: number;
  /** Acknowledged submissions looked up (all of them, over every round so far). */
  ackedChecked: number;
  /** submissionIds acknowledged with a 2xx but not stored. */
  lost: string[];
  /** Stored ids that are the hash of no submissionId ever sent. */
  unknown: string[];
  /** Stored responses that differ from what was sent, with the first difference. */
  changed: string[];
}

const openReadOnly = (dbPath: string) =>
  new Database(dbPath, { readonly: true, fileMustExist: true });

/** PRAGMA integrity_check, joined: "ok" when the file is sound. */
export function integrityCheck(dbPath: string): string {
  const db = openReadOnly(dbPath);
  try {
    const rows: unknown = db.pragma("integrity_check", { simple: false });
    if (!Array.isArray(rows)) return "no answer";
    return rows
      .map((row: unknown) =>
        typeof row === "object" && row !== null ? Object.values(row).join(" ") : String(row),
      )
      .join("; ");
  } finally {
    db.close();
  }
}

/** Stored ids in storage order: a plain SELECT with no ORDER BY, as anyone copying the file sees them. */
export function storedIds(dbPath: string): string[] {
  const db = openReadOnly(dbPath);
  try {
    return db
      .prepare<[], { id: string }>("SELECT id FROM responses")
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

interface StoredRow {
  id: string;
  version: number;
  channelId: string;
  category: string;
  releasedOn: string | null;
  answers: string;
}

export function checkStored(
  dbPath: string,
  sentByResponseId: Map<string, SentSubmission>,
  ackedResponseIds: Set<string>,
): StoredCheck {
  const db = openReadOnly(dbPath);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const changed: string[] = [];
  try {
    const rows = db
      .prepare<[], StoredRow>(
        `SELECT id, survey_version_id AS version, channel_id AS channelId, category,
                released_on AS releasedOn, answers FROM responses`,
      )
      .iterate();
    for (const row of rows) {
      seen.add(row.id);
      const sent = sentByResponseId.get(row.id);
      if (!sent) unknown.push(row.id);
      else {
        const difference = differenceFrom(row, sent);
        if (difference) changed.push(`${sent.submissionId}: ${difference}`);
      }
    }
  } finally {
    db.close();
  }
  const lost = [...ackedResponseIds]
    .filter((id) => !seen.has(id))
    .map((id) => sentByResponseId.get(id)?.submissionId ?? id);
  return { stored: seen.size, ackedChecked: ackedResponseIds.size, lost, unknown, changed };
}

/** Acknowledgements whose receipt is not the one derived from their own submissionId. */
export function wrongReceipts(records: RequestRecord[]): string[] {
  return records
    .filter((r) => r.acked && r.receipt !== receiptFor(r.submissionId))
    .map((r) => r.submissionId);
}

function differenceFrom(row: StoredRow, sent: SentSubmission): string | null {
  if (row.version !== sent.target.versionId) return `version ${row.version}`;
  if (row.channelId !== sent.target.channelId) return `channel ${row.channelId}`;
  if (row.category !== sent.category) return `category ${row.category}`;
  // Waiting (NULL) or released on a day; never a time.
  if (row.releasedOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(row.releasedOn))
    return `release day ${row.releasedOn}`;
  const stored = answersFromRows(sent, row.answers);
  const expected = normalisedSent(sent);
  return stored === expected ? null : `answers ${stored} instead of ${expected}`;
}

type Rows = [string, string, string | null][];

function parseRows(json: string): Rows | null {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return null;
  const rows: Rows = [];
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== 3) return null;
    const [question, option, text] = row;
    if (typeof question !== "string" || typeof option !== "string") return null;
    if (text !== null && typeof text !== "string") return null;
    rows.push([question, option, text]);
  }
  return rows;
}

/** The stored rows turned back into {answers, otherText}, keyed in survey order. */
function answersFromRows(sent: SentSubmission, json: string): string {
  const rows = parseRows(json);
  if (!rows) return `unreadable ${json}`;
  const answers: Record<string, AnswerValue> = {};
  const otherText: Record<string, string> = {};
  for (const q of listQuestions(sent.target.survey)) {
    const mine = rows.filter(([question]) => question === q.code);
    if (mine.length === 0) continue;
    if (!isChoice(q)) answers[q.code] = mine.length === 1 ? (mine[0]?.[2] ?? "") : "(several)";
    else if (q.kind === "single") answers[q.code] = mine.map(([, option]) => option).join("+");
    else answers[q.code] = mine.map(([, option]) => option);
    const note = mine.find(([, option, text]) => option !== "" && text !== null);
    if (note?.[2]) otherText[q.code] = note[2];
  }
  const questions = new Set(listQuestions(sent.target.survey).map((q) => q.code));
  const strays = rows.filter(([question]) => !questions.has(question)).length;
  return JSON.stringify({ answers, otherText, strays });
}

/** What was sent, multiple choices in survey option order (the order the server promises). */
function normalisedSent(sent: SentSubmission): string {
  const answers: Record<string, AnswerValue> = {};
  const otherText: Record<string, string> = {};
  for (const q of listQuestions(sent.target.survey)) {
    const value = sent.answers[q.code];
    if (value === undefined) continue;
    answers[q.code] =
      Array.isArray(value) && isChoice(q)
        ? q.options.filter((o) => value.includes(o.code)).map((o) => o.code)
        : value;
    const note = sent.otherText[q.code];
    if (note !== undefined) otherText[q.code] = note;
  }
  return JSON.stringify({ answers, otherText, strays: 0 });
}

export interface AnswerIndexCheck {
  pending: number;
  /** Long-table rows expected from the responses' stored answers. */
  expectedRows: number;
  /** Rows missing from the long table, or there without a matching stored answer. */
  wrongRows: number;
  /** answer_counts keys whose count differs from the long table's. */
  wrongCounts: number;
}

/** The long table (answers, answer_counts) against the responses it was expanded from. */
export function checkAnswerIndex(dbPath: string): AnswerIndexCheck {
  const db = openReadOnly(dbPath);
  try {
    const pending = db.prepare("SELECT count(*) FROM answers_pending").pluck().get();
    const expected = new Map<string, number>();
    const key = (...parts: (string | number | null)[]) => JSON.stringify(parts);
    const responses = db
      .prepare<[], Pick<StoredRow, "id" | "version" | "category" | "answers">>(
        `SELECT id, survey_version_id AS version, category, answers FROM responses
          WHERE released_on IS NOT NULL`,
      )
      .iterate();
    for (const r of responses) {
      for (const [question, option, text] of parseRows(r.answers) ?? []) {
        const k = key(r.version, question, r.category, option, r.id, text);
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
    }
    const expectedRows = [...expected.values()].reduce((a, b) => a + b, 0);
    let wrongRows = 0;
    const rows = db
      .prepare<[], { v: number; q: string; c: string; o: string; r: string; t: string | null }>(
        `SELECT survey_version_id AS v, question AS q, category AS c, option AS o,
                response_id AS r, text AS t FROM answers`,
      )
      .iterate();
    for (const a of rows) {
      const k = key(a.v, a.q, a.c, a.o, a.r, a.t);
      const left = expected.get(k) ?? 0;
      if (left === 0) wrongRows += 1;
      else expected.set(k, left - 1);
    }
    for (const left of expected.values()) wrongRows += left;
    const wrongCounts = db
      .prepare(
        `SELECT count(*) FROM (
           SELECT * FROM (SELECT survey_version_id, question, category, option, count(*) AS n
                            FROM answers GROUP BY 1, 2, 3, 4
                          EXCEPT SELECT survey_version_id, question, category, option, n
                            FROM answer_counts)
           UNION ALL
           SELECT * FROM (SELECT survey_version_id, question, category, option, n FROM answer_counts
                          EXCEPT SELECT survey_version_id, question, category, option, count(*)
                            FROM answers GROUP BY 1, 2, 3, 4))`,
      )
      .pluck()
      .get();
    return {
      pending: Number(pending),
      expectedRows,
      wrongRows,
      wrongCounts: Number(wrongCounts),
    };
  } finally {
    db.close();
  }
}

/**
 * Polls the file (as the operator could; /healthz tells no counts) until the server has released
 * every due cohort and expanded every released response into the long table.
 */
export async function waitForAnswersCaughtUp(dbPath: string, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const db = openReadOnly(dbPath);
    let left: number;
    try {
      // Cells of 5 or more waiting responses are due (the test surveys keep minBase 5).
      const due = db
        .prepare(
          `SELECT count(*) FROM (SELECT 1 FROM responses WHERE released_on IS NULL
             GROUP BY survey_version_id, category, channel_id HAVING count(*) >= 5)`,
        )
        .pluck()
        .get();
      const pending = db.prepare("SELECT count(*) FROM answers_pending").pluck().get();
      left = Number(due) + Number(pending);
    } finally {
      db.close();
    }
    if (left === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`answers still pending after ${timeoutMs} ms (${left} cells or rows)`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
