// Everything a log must never hold, read from the database itself, and a grep of log lines for it.
import type { TestServer } from "./test-server.ts";

/** Secrets shorter than this are too common to grep for (a text answer "无", an option code "A"). */
const MIN_SECRET_LENGTH = 4;

/**
 * Issued codes, link ids (the part after /s/), response ids and every submitted text, plus
 * `extra` (receipts, submission ids) that the database never held.
 */
export async function secretsOf(
  server: TestServer,
  extra: readonly string[] = [],
): Promise<string[]> {
  const column = async (sql: string) =>
    (await server.query<{ v: string | null }>(sql)).map((r) => r.v ?? "");
  return [
    ...(await column("SELECT code AS v FROM codes")),
    ...(await column("SELECT id AS v FROM links")),
    ...(await column("SELECT id AS v FROM responses")),
    ...(await column("SELECT text AS v FROM answers WHERE text IS NOT NULL")),
    ...extra,
  ].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** Log lines that contain a secret, each with the secret it contains. */
export function secretHits(lines: readonly string[], secrets: readonly string[]) {
  const unique = [...new Set(secrets)];
  return lines.flatMap((line) =>
    unique.filter((secret) => line.includes(secret)).map((secret) => ({ secret, line })),
  );
}
