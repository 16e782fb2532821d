// What results have published, per survey version (tabulate/disclosure/publication-ledger.ts).

/** One ledger domain: a class per ordinal (0 = never published) and the published groups. */
export interface StoredPartition {
  classes: Int32Array;
  groups: number[][];
}

export interface StoredLedger {
  /** [response id, ordinal], by ordinal. */
  members: [string, number][];
  partitions: Map<string, StoredPartition>;
  /** Ledger writes so far (0: none): what a write must name to be applied (writeLedger). */
  revision: number;
}

/** The revision a write made, or "stale": another writer moved it first, and nothing was written. */
export type LedgerWriteOutcome = number | "stale";

export interface LedgerStore {
  readLedger(versionId: number): Promise<StoredLedger>;
  /** The stored revision alone: a worker checks it each job to see whether its copy is current. */
  ledgerRevision(versionId: number): Promise<number>;
  /**
   * In one transaction: the members not stored yet and one domain's new partition, applied only
   * if the stored revision is still `basedOn` (the one the writer decided against), which it then
   * raises by one. Otherwise another instance wrote first: "stale", and nothing is written.
   */
  writeLedger(
    versionId: number,
    fresh: readonly (readonly [string, number])[],
    domain: string,
    partition: StoredPartition,
    basedOn: number,
  ): Promise<LedgerWriteOutcome>;
  /** Survey versions of which anything was ever published (the ledger holds a partition). */
  publishedVersions(): Promise<Set<number>>;
}

/** Our own JSON, read back checked rather than cast: a list of lists of class ids. */
export function parseGroups(text: string): number[][] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error("disclosure_partitions.groups is not a list");
  return value.map((group: unknown) => {
    if (!Array.isArray(group) || !group.every((c) => Number.isInteger(c)))
      throw new Error("disclosure_partitions.groups holds something other than class ids");
    return group.map(Number);
  });
}
