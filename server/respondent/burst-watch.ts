// Per-link submission counts over the last 10 minutes, in memory only, for one boolean in the
// returns monitor: "submissions through this link are far faster than people answer".
//
// Why a boolean at a high threshold and never a number: a count the console shows that moved with
// each submission would let a distributor who watched X submit time X's response (README: Threat
// model); released counts move in cohorts of k for that reason. This alert can only switch on when
// at least max(100, 20·k) responses were stored through the link within 10 minutes, so one
// submission can flip it only as the last of ≥ 20·k: a coarser event than the k-cohort release the
// counts already show. Refusals by the submission limit switch it on too, but a refused
// submission is not stored, so that flip times no stored response. It switches off on whole
// minutes, as old buckets age out, and nothing here is ever written to disk or the log.

const BUCKET_MS = 60_000;
const WINDOW_BUCKETS = 10;
/** More links than any survey has; past it the least recently active are forgotten. */
const MAX_LINKS = 10_000;

interface Bucket {
  minute: number;
  stored: number;
  refused: number;
}

export interface BurstWatch {
  noteStored(linkId: string, now: number): void;
  noteRefused(linkId: string, now: number): void;
  /** True when the last 10 minutes hold ≥ max(100, 20·k) stored, or any limit refusal. */
  alarmed(linkId: string, k: number, now: number): boolean;
}

export const burstThreshold = (k: number) => Math.max(100, 20 * k);

export function createBurstWatch(): BurstWatch {
  const links = new Map<string, Bucket[]>();
  const current = (linkId: string, now: number): Bucket => {
    const minute = Math.floor(now / BUCKET_MS);
    const buckets = recent(links.get(linkId) ?? [], minute);
    let bucket = buckets.at(-1);
    if (bucket?.minute !== minute) {
      bucket = { minute, stored: 0, refused: 0 };
      buckets.push(bucket);
    }
    // Re-inserting keeps the Map in order of last activity, so the oldest is dropped first.
    links.delete(linkId);
    links.set(linkId, buckets);
    if (links.size > MAX_LINKS) links.delete(links.keys().next().value ?? "");
    return bucket;
  };
  return {
    noteStored(linkId, now) {
      current(linkId, now).stored += 1;
    },
    noteRefused(linkId, now) {
      current(linkId, now).refused += 1;
    },
    alarmed(linkId, k, now) {
      const buckets = recent(links.get(linkId) ?? [], Math.floor(now / BUCKET_MS));
      const stored = buckets.reduce((n, b) => n + b.stored, 0);
      return stored >= burstThreshold(k) || buckets.some((b) => b.refused > 0);
    },
  };
}

/** The buckets of the last WINDOW_BUCKETS minutes, this one included. */
function recent(buckets: Bucket[], minute: number): Bucket[] {
  return buckets.filter((b) => b.minute > minute - WINDOW_BUCKETS);
}
