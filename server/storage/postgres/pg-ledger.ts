// The publication ledger in PostgreSQL, so the differencing check survives a restart, a crash, and
// the other instance.
import type { LedgerStore, StoredPartition } from "../ledger-store.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction, type Queryable } from "./pg-transaction.ts";

/** Reads on `client`, so a caller may read and write one version's ledger in one transaction. */
export async function readLedgerIn(client: Queryable, versionId: number) {
  const members = await client.query<{ id: string; ordinal: number }>(
    `SELECT response_id AS id, ordinal FROM disclosure_members WHERE survey_version_id = $1
      ORDER BY ordinal`,
    [versionId],
  );
  const partitions = await client.query<{ domain: string; classes: Buffer; groups: string }>(
    `SELECT domain, classes, groups FROM disclosure_partitions WHERE survey_version_id = $1
      ORDER BY domain`,
    [versionId],
  );
  const stored = new Map<string, StoredPartition>();
  for (const { domain, classes, groups } of partitions.rows) {
    // Copied into a fresh, aligned buffer; Int32 in the machine's (little-endian) order.
    stored.set(domain, {
      classes: new Int32Array(new Uint8Array(classes).buffer),
      groups: parseGroups(groups),
    });
  }
  return {
    members: members.rows.map((m): [string, number] => [m.id, m.ordinal]),
    partitions: stored,
  };
}

export function createPgLedger(pool: Pool): LedgerStore {
  return {
    readLedger: (versionId) => readLedgerIn(pool, versionId),
    writeLedger: (versionId, fresh, domain, partition) =>
      inTransaction(
        pool,
        async (client) => {
          // In id order, as SQLite's key order places them: the rows keep no order of publication.
          await client.query(
            `INSERT INTO disclosure_members (survey_version_id, response_id, ordinal)
             SELECT $1, id, ordinal FROM unnest($2::text[], $3::int[]) AS m (id, ordinal)
              ORDER BY id`,
            [versionId, fresh.map(([id]) => id), fresh.map(([, ordinal]) => ordinal)],
          );
          const { classes } = partition;
          await client.query(
            `INSERT INTO disclosure_partitions (survey_version_id, domain, classes, groups)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (survey_version_id, domain)
             DO UPDATE SET classes = excluded.classes, groups = excluded.groups`,
            [
              versionId,
              domain,
              Buffer.from(classes.buffer, classes.byteOffset, classes.byteLength),
              JSON.stringify(partition.groups),
            ],
          );
        },
        // It names responses: the rebuild must not rewrite them under it (pg-transaction.ts).
        { writer: true },
      ),
    async publishedVersions() {
      const { rows } = await pool.query<{ id: number }>(
        "SELECT DISTINCT survey_version_id AS id FROM disclosure_partitions",
      );
      return new Set(rows.map((r) => r.id));
    },
  };
}

/** Our own JSON, read back checked rather than cast: a list of lists of class ids. */
function parseGroups(text: string): number[][] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error("disclosure_partitions.groups is not a list");
  return value.map((group: unknown) => {
    if (!Array.isArray(group) || !group.every((c) => Number.isInteger(c)))
      throw new Error("disclosure_partitions.groups holds something other than class ids");
    return group.map(Number);
  });
}
