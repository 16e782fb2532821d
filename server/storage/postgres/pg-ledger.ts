// The publication ledger in PostgreSQL, so the differencing check survives a restart, a crash, and
// the other instance.
import {
  type LedgerStore,
  parseGroups,
  type StoredLedger,
  type StoredPartition,
} from "../ledger-store.ts";
import type { Pool } from "./open-postgres.ts";
import {
  inTransaction,
  lockObjectForTransaction,
  OBJECT_LOCKS,
  type Queryable,
} from "./pg-transaction.ts";

/** A version's ledger revision on `client` (no row yet: 0). */
export async function ledgerRevisionIn(client: Queryable, versionId: number): Promise<number> {
  const { rows } = await client.query<{ revision: number }>(
    "SELECT revision FROM disclosure_revisions WHERE survey_version_id = $1",
    [versionId],
  );
  return rows[0]?.revision ?? 0;
}

/** Reads on `client`, so a caller may read and write one version's ledger in one transaction. */
export async function readLedgerIn(client: Queryable, versionId: number): Promise<StoredLedger> {
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
    revision: await ledgerRevisionIn(client, versionId),
  };
}

export function createPgLedger(pool: Pool): LedgerStore {
  return {
    readLedger: (versionId) => readLedgerIn(pool, versionId),
    ledgerRevision: (versionId) => ledgerRevisionIn(pool, versionId),
    writeLedger: (versionId, fresh, domain, partition, basedOn) =>
      inTransaction(
        pool,
        async (client) => {
          // Held to COMMIT: the other instance's write to this version waits here, then reads the
          // revision this one raised (READ COMMITTED reads it afresh) and is refused.
          await lockObjectForTransaction(client, OBJECT_LOCKS.ledger, String(versionId));
          if ((await ledgerRevisionIn(client, versionId)) !== basedOn) return "stale" as const;
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
          await client.query(
            `INSERT INTO disclosure_revisions (survey_version_id, revision) VALUES ($1, 1)
             ON CONFLICT (survey_version_id)
             DO UPDATE SET revision = disclosure_revisions.revision + 1`,
            [versionId],
          );
          return basedOn + 1;
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
