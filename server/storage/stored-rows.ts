// The durable record of a response (responses.answers): JSON rows [question, option, text], option
// "" for a text answer. Written once at submit; read by the answer indexer and by tabulation.

export type StoredRow = [question: string, option: string, text: string | null];

const isStoredRow = (v: unknown): v is StoredRow =>
  Array.isArray(v) &&
  v.length === 3 &&
  typeof v[0] === "string" &&
  typeof v[1] === "string" &&
  (v[2] === null || typeof v[2] === "string");

/** Parses one stored record; a malformed one is a bug or a damaged file, never user input. */
export function parseStoredRows(json: string): StoredRow[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every(isStoredRow))
    throw new Error("a stored response is not answer rows");
  return parsed;
}
