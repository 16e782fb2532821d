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
}

export interface LedgerStore {
  readLedger(versionId: number): Promise<StoredLedger>;
  /** In one transaction: the members not stored yet and one domain's new partition. */
  writeLedger(
    versionId: number,
    fresh: readonly (readonly [string, number])[],
    domain: string,
    partition: StoredPartition,
  ): Promise<void>;
  /** Survey versions of which anything was ever published (the ledger holds a partition). */
  publishedVersions(): Promise<Set<number>>;
}
