// Remembers, per survey version, every group of respondents whose answers were published. The
// respondents are partitioned into classes (those who fell in exactly the same published groups),
// and each published group is kept as the list of its classes. Anything an outsider can compute by
// adding and subtracting published tables is a combination of those groups, so a new publication
// is safe when no set of 1…k−1 respondents becomes such a combination (determined-sets.ts) —
// whatever filters, banners or times were combined. Kept on disk too (LedgerStore), so a restart
// or a crash forgets nothing; results only ever cover released cohorts, so what is kept narrows a
// response's arrival to its cohort at most (responses/releases.ts).
//
// Another instance on the same database keeps its own ledger: each job compares the stored
// revision with this copy's and reloads when the disk is ahead; each write names the revision it
// was decided against, and one that finds the disk moved is refused (results-pool.ts decides again).
//
// A domain is what the tables publish: "columns" for questions everyone is shown, or one
// display-logic question, whose tables cover only the respondents shown it.
import type { LedgerStore, StoredPartition } from "../../storage/storage.ts";
import type { HiddenReason } from "../results-schemas.ts";
import { findDeterminedSmallSet } from "./determined-sets.ts";

/**
 * Where publications go: the worker collects them for the main thread to commit, at once, so the
 * ledger's own logic stays synchronous. What is stored already is read by load(), not here. The
 * outcome is the main thread's to see: a stale write makes it tell this ledger to forget().
 */
interface LedgerWriter {
  writeLedger(
    versionId: number,
    fresh: readonly (readonly [string, number])[],
    domain: string,
    partition: StoredPartition,
    basedOn: number,
  ): void;
}

export interface LedgerCheck {
  /** Sets of 1…k−1 respondents the publication would let someone recover (0 = safe). */
  smallClasses: number;
  /** Indexes of the proposed groups that touch such a set (dropping one may help). */
  culprits: Set<number>;
  /**
   * True when the search gave up (too many small classes after many overlapping views): the
   * refusal is the ledger's budget, not a subtraction that was found.
   */
  gaveUp: boolean;
}

interface Partition {
  /** Class per ordinal; 0 = in no published group (never derivable, so never too small). */
  classes: Int32Array;
  /** Published groups, each as its sorted class ids. */
  groups: number[][];
}

interface VersionLedger {
  /** Response id → ordinal; insertion order is ordinal order. */
  ordinals: Map<string, number>;
  domains: Map<string, Partition>;
  /** Ordinals below this are on disk. */
  saved: number;
  /** The stored revision this copy reflects, counting its own writes not yet committed. */
  revision: number;
  /** Which load this copy came from (1, 2, …; 0 memory-only): see epochOf. */
  epoch: number;
}

/** What one table hid for the differencing check, by axis (settle.ts). */
export interface DroppedGroups {
  columns: (HiddenReason | null)[];
  rows: (HiddenReason | null)[];
}

export interface PublicationLedger {
  /**
   * Reads a version's stored ledger, or reads it again when the stored revision is ahead of this
   * copy (another instance published). A ledger kept on disk must be loaded, inside the job's
   * snapshot, before any other use of the version; a memory-only one starts empty without it.
   * A stored revision behind this copy is this copy's own writes, not committed yet: kept.
   */
  load(versionId: number, from: Pick<LedgerStore, "readLedger" | "ledgerRevision">): Promise<void>;
  /** Drops a version's copy: one of its writes was stale, so it holds what the disk does not. */
  forget(versionId: number): void;
  /**
   * The load the version's copy came from, increasing with every load: a decision taken on a copy
   * whose write proved stale is refused by that number (results-pool.ts), as are later ones on it.
   */
  epochOf(versionId: number): number;
  /**
   * What each selection hid last time, by selection and data state. Tried first on the next
   * request for the same, so a repeat (or the download right after a view) shows exactly what
   * was shown, instead of being planned afresh against views published since. Memory only: a
   * hint, checked like any plan; after a restart a view is planned afresh (never less safe).
   */
  readonly remembered: Map<string, DroppedGroups>;
  /** A stable small integer per response id, for set arithmetic; it never leaves the server. */
  ordinalOf(versionId: number): (responseId: string) => number;
  check(
    versionId: number,
    domain: string,
    groups: readonly (readonly number[])[],
    k: number,
  ): LedgerCheck;
  publish(versionId: number, domain: string, groups: readonly (readonly number[])[]): void;
}

/** The partition after adding `groups`: new class ids (1…) per respondent, sizes, old → new. */
function refine(size: number, partition: Partition, groups: readonly (readonly number[])[]) {
  const a = new Uint32Array(size);
  const b = new Uint32Array(size);
  groups.forEach((members, g) => {
    for (const i of members) {
      a[i] = Math.imul((a[i] ?? 0) ^ (g + 1), 0x9e3779b1) >>> 0;
      b[i] = Math.imul((b[i] ?? 0) + g + 7, 0x85ebca6b) >>> 0;
    }
  });
  const ids = new Map<string, number>();
  const classes = new Int32Array(Math.max(size, partition.classes.length));
  const sizes = [0];
  const children = new Map<number, Set<number>>();
  for (let i = 0; i < size; i++) {
    const old = partition.classes[i] ?? 0;
    if (old === 0 && a[i] === 0 && b[i] === 0) continue;
    const key = `${old}:${a[i]}:${b[i]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = sizes.length;
      ids.set(key, id);
      sizes.push(0);
      if (!children.has(old)) children.set(old, new Set());
      children.get(old)?.add(id);
    }
    classes[i] = id;
    sizes[id] = (sizes[id] ?? 0) + 1;
  }
  const oldGroups = partition.groups.map((group) =>
    group.flatMap((old) => [...(children.get(old) ?? [])]).sort((x, y) => x - y),
  );
  const newGroups = groups.map((members) =>
    [...new Set(members.map((i) => classes[i] ?? 0))].sort((x, y) => x - y),
  );
  // Nothing new: no published class is cut, nobody joins a group for the first time, and every
  // group is one published before (or empty: a column nobody is in, never kept, see publish()).
  // Repeating a publication tells nothing it did not.
  const repeat =
    !children.has(0) &&
    [...children.values()].every((kids) => kids.size === 1) &&
    newGroups.every(
      (group) => group.length === 0 || oldGroups.some((old) => sameGroup(old, group)),
    );
  return { classes, sizes, oldGroups, newGroups, repeat };
}

const sameGroup = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** `store` null: memory only (tests of the algebra). */
export function createPublicationLedger(store: LedgerWriter | null = null): PublicationLedger {
  const versions = new Map<number, VersionLedger>();
  let loads = 0;
  const ledgerOf = (versionId: number) => {
    let ledger = versions.get(versionId);
    if (!ledger) {
      // Starting empty over a stored ledger would renumber published responses: never silently.
      if (store) throw new Error(`the ledger of version ${versionId} was not loaded`);
      ledger = { ordinals: new Map(), domains: new Map(), saved: 0, revision: 0, epoch: 0 };
      versions.set(versionId, ledger);
    }
    return ledger;
  };
  const partitionOf = (versionId: number, domain: string): Partition => {
    const ledger = ledgerOf(versionId);
    let partition = ledger.domains.get(domain);
    if (!partition) {
      partition = { classes: new Int32Array(0), groups: [] };
      ledger.domains.set(domain, partition);
    }
    return partition;
  };

  return {
    remembered: new Map(),

    async load(versionId, from) {
      const held = versions.get(versionId);
      if (held && (await from.ledgerRevision(versionId)) <= held.revision) return;
      const { members, partitions, revision } = await from.readLedger(versionId);
      // A job for the same version may have loaded it meanwhile: the newest one read stays.
      const now = versions.get(versionId);
      if (now !== held && now && now.revision >= revision) return;
      versions.set(versionId, {
        ordinals: new Map(members),
        domains: new Map(partitions),
        saved: members.length,
        revision,
        epoch: ++loads,
      });
    },

    forget(versionId) {
      versions.delete(versionId);
    },

    epochOf: (versionId) => versions.get(versionId)?.epoch ?? 0,

    ordinalOf(versionId) {
      const { ordinals } = ledgerOf(versionId);
      return (responseId) => {
        let ordinal = ordinals.get(responseId);
        if (ordinal === undefined) {
          ordinal = ordinals.size;
          ordinals.set(responseId, ordinal);
        }
        return ordinal;
      };
    },

    check(versionId, domain, groups, k) {
      const partition = partitionOf(versionId, domain);
      const size = ledgerOf(versionId).ordinals.size;
      const next = refine(size, partition, groups);
      const culprits = new Set<number>();
      const safe = { smallClasses: 0, culprits, gaveUp: false };
      if (next.repeat || !next.sizes.some((n, c) => c > 0 && n < k)) return safe;
      // Small classes alone are not a leak (two crossed banners make many); a determined one is.
      // Class 0 (never published) takes part in no group, so its column is all zeros.
      const found = findDeterminedSmallSet([...next.oldGroups, ...next.newGroups], next.sizes, k);
      if (found === null) return safe;
      const blamed = new Set(found === true ? [] : found);
      // Blame the new groups holding the recovered classes, or cutting the classes they came from.
      const parents = new Set<number>();
      for (let i = 0; i < size; i++)
        if (blamed.has(next.classes[i] ?? 0) || found === true)
          parents.add(partition.classes[i] ?? 0);
      parents.delete(0);
      groups.forEach((members, g) => {
        if (
          members.some(
            (i) => blamed.has(next.classes[i] ?? 0) || parents.has(partition.classes[i] ?? 0),
          )
        )
          culprits.add(g);
      });
      if (found === true) for (let g = 0; g < groups.length; g++) culprits.add(g);
      return { smallClasses: Math.max(1, blamed.size), culprits, gaveUp: found === true };
    },

    publish(versionId, domain, groups) {
      const ledger = ledgerOf(versionId);
      const partition = partitionOf(versionId, domain);
      const next = refine(ledger.ordinals.size, partition, groups);
      // A repeat changes nothing: no write, so views repeated all day cost the disk nothing.
      if (next.repeat && ledger.saved === ledger.ordinals.size) return;
      const seen = new Set<string>();
      const merged = [...next.oldGroups, ...next.newGroups].filter((group) => {
        const key = group.join(",");
        if (group.length === 0 || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      // On disk before the caller answers: what was published is never forgotten, even by a crash
      // right after. A failed write throws, so nothing is published that is not remembered.
      const fresh = [...ledger.ordinals].slice(ledger.saved);
      // Based on the revision this copy reflects; the next write of the same job on the one after.
      store?.writeLedger(
        versionId,
        fresh,
        domain,
        { classes: next.classes, groups: merged },
        ledger.revision,
      );
      ledger.revision += 1;
      ledger.saved = ledger.ordinals.size;
      partition.classes = next.classes;
      partition.groups = merged;
    },
  };
}
