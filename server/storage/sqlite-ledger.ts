// The publication ledger on disk, so the differencing check survives a restart or a crash.

import {
  type LedgerStore,
  type LedgerWriteOutcome,
  parseGroups,
  type StoredLedger,
  type StoredPartition,
} from "./ledger-store.ts";
import type { DB } from "./open-database.ts";
import type { Synchronous } from "./synchronous.ts";

export function createLedgerStatements(db: DB): Synchronous<LedgerStore> {
  const members = db
    .prepare<[number], [string, number]>(
      `SELECT response_id, ordinal FROM disclosure_members WHERE survey_version_id = ?
        ORDER BY ordinal`,
    )
    .raw();
  const partitions = db
    .prepare<[number], [string, Buffer, string]>(
      `SELECT domain, classes, groups FROM disclosure_partitions WHERE survey_version_id = ?`,
    )
    .raw();
  const published = db
    .prepare<[], number>(`SELECT DISTINCT survey_version_id FROM disclosure_partitions`)
    .pluck();
  const revision = db
    .prepare<[number], number>(
      `SELECT revision FROM disclosure_revisions WHERE survey_version_id = ?`,
    )
    .pluck();
  const raiseRevision = db.prepare<[number]>(
    `INSERT INTO disclosure_revisions (survey_version_id, revision) VALUES (?, 1)
     ON CONFLICT DO UPDATE SET revision = revision + 1`,
  );
  const revisionOf = (versionId: number) => revision.get(versionId) ?? 0;
  const addMember = db.prepare(
    `INSERT INTO disclosure_members (survey_version_id, response_id, ordinal) VALUES (?, ?, ?)`,
  );
  const putPartition = db.prepare(
    `INSERT INTO disclosure_partitions (survey_version_id, domain, classes, groups)
     VALUES (@versionId, @domain, @classes, @groups)
     ON CONFLICT DO UPDATE SET classes = excluded.classes, groups = excluded.groups`,
  );
  // IMMEDIATE: the write lock is taken before the revision is read, not after.
  const write = db.transaction(
    (
      versionId: number,
      fresh: readonly (readonly [string, number])[],
      domain: string,
      partition: StoredPartition,
      basedOn: number,
    ): LedgerWriteOutcome => {
      // Read inside the write transaction: no other writer can move it before the raise below.
      if (revisionOf(versionId) !== basedOn) return "stale";
      for (const [responseId, ordinal] of fresh) addMember.run(versionId, responseId, ordinal);
      const { classes } = partition;
      putPartition.run({
        versionId,
        domain,
        classes: Buffer.from(classes.buffer, classes.byteOffset, classes.byteLength),
        groups: JSON.stringify(partition.groups),
      });
      raiseRevision.run(versionId);
      return basedOn + 1;
    },
  );

  return {
    readLedger(versionId): StoredLedger {
      const stored = new Map<string, StoredPartition>();
      for (const [domain, blob, groups] of partitions.all(versionId)) {
        // Copied into a fresh, aligned buffer; Int32 in the machine's (little-endian) order.
        const classes = new Int32Array(new Uint8Array(blob).buffer);
        stored.set(domain, { classes, groups: parseGroups(groups) });
      }
      return {
        members: members.all(versionId),
        partitions: stored,
        revision: revisionOf(versionId),
      };
    },
    ledgerRevision: revisionOf,
    publishedVersions: () => new Set(published.all()),
    writeLedger: (versionId, fresh, domain, partition, basedOn) =>
      write.immediate(versionId, fresh, domain, partition, basedOn),
  };
}
