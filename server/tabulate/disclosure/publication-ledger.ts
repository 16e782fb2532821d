// Remembers, per survey version, every group of respondents whose answers were published, as a
// partition: respondents who fell in exactly the same published groups share a class. Any figure
// an outsider can compute by adding and subtracting published tables is constant on each class,
// so while every class holds 0 or at least k respondents, no group under k can be recovered,
// whatever filters, banners or times were combined. Memory only: one integer per respondent and
// domain. A domain is what the tables publish: "columns" for questions everyone is shown, or one
// display-logic question, whose tables cover only the respondents shown it.

export interface LedgerCheck {
  /** Respondent classes that would hold fewer than k respondents. */
  smallClasses: number;
  /** Indexes of the proposed groups that touch a class too small (dropping one may help). */
  culprits: Set<number>;
}

interface Partition {
  /** Class per ordinal; 0 = in no published group (never derivable, so never too small). */
  classes: Int32Array;
}

interface VersionLedger {
  ordinals: Map<string, number>;
  domains: Map<string, Partition>;
}

export interface PublicationLedger {
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

export function createPublicationLedger(): PublicationLedger {
  const versions = new Map<number, VersionLedger>();
  const ledgerOf = (versionId: number) => {
    let ledger = versions.get(versionId);
    if (!ledger) {
      ledger = { ordinals: new Map(), domains: new Map() };
      versions.set(versionId, ledger);
    }
    return ledger;
  };
  /** A domain's partition, grown to cover every ordinal handed out so far. */
  const partitionOf = (versionId: number, domain: string): Partition => {
    const ledger = ledgerOf(versionId);
    let partition = ledger.domains.get(domain);
    if (!partition) {
      partition = { classes: new Int32Array(Math.max(1024, ledger.ordinals.size)) };
      ledger.domains.set(domain, partition);
    }
    if (partition.classes.length < ledger.ordinals.size) {
      const grown = new Int32Array(ledger.ordinals.size * 2);
      grown.set(partition.classes);
      partition.classes = grown;
    }
    return partition;
  };

  /** Each respondent's class after the groups are added, keyed by old class and membership. */
  function refine(size: number, ledger: Partition, groups: readonly (readonly number[])[]) {
    const a = new Uint32Array(size);
    const b = new Uint32Array(size);
    groups.forEach((members, g) => {
      for (const i of members) {
        a[i] = Math.imul((a[i] ?? 0) ^ (g + 1), 0x9e3779b1) >>> 0;
        b[i] = Math.imul((b[i] ?? 0) + g + 7, 0x85ebca6b) >>> 0;
      }
    });
    const keys: (string | null)[] = new Array(size);
    const sizes = new Map<string, number>();
    for (let i = 0; i < size; i++) {
      const old = ledger.classes[i] ?? 0;
      if (old === 0 && a[i] === 0 && b[i] === 0) {
        keys[i] = null;
        continue;
      }
      const key = `${old}:${a[i]}:${b[i]}`;
      keys[i] = key;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    return { keys, sizes };
  }

  return {
    ordinalOf(versionId) {
      const ledger = ledgerOf(versionId);
      return (responseId) => {
        let ordinal = ledger.ordinals.get(responseId);
        if (ordinal === undefined) {
          ordinal = ledger.ordinals.size;
          ledger.ordinals.set(responseId, ordinal);
        }
        return ordinal;
      };
    },

    check(versionId, domain, groups, k) {
      const ledger = partitionOf(versionId, domain);
      const { keys, sizes } = refine(ledgerOf(versionId).ordinals.size, ledger, groups);
      const small = new Set([...sizes].filter(([, n]) => n < k).map(([key]) => key));
      const culprits = new Set<number>();
      if (small.size === 0) return { smallClasses: 0, culprits };
      // Old classes split into a small part: any group cutting through them is to blame.
      const splitClasses = new Set<number>();
      keys.forEach((key, i) => {
        if (key !== null && small.has(key) && ledger.classes[i])
          splitClasses.add(ledger.classes[i]);
      });
      groups.forEach((members, g) => {
        for (const i of members) {
          const key = keys[i];
          const old = ledger.classes[i] ?? 0;
          if ((key !== null && key !== undefined && small.has(key)) || splitClasses.has(old)) {
            culprits.add(g);
            break;
          }
        }
      });
      return { smallClasses: small.size, culprits };
    },

    publish(versionId, domain, groups) {
      const ledger = partitionOf(versionId, domain);
      const { keys } = refine(ledgerOf(versionId).ordinals.size, ledger, groups);
      const ids = new Map<string, number>();
      keys.forEach((key, i) => {
        if (key === null || key === undefined) return;
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size + 1;
          ids.set(key, id);
        }
        ledger.classes[i] = id;
      });
    },
  };
}
