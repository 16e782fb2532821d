// Per-link submission counts over the last 10 minutes, for one boolean in the returns monitor:
// "submissions through this link are far faster than people answer".
//
// Why a boolean at a high threshold and never a number: a count the console shows that moved with
// each submission would let a distributor who watched X submit time X's response (README: Threat
// model); released counts move in cohorts of k for that reason. This alert can only switch on when
// at least max(100, 20·k) responses were stored through the link within 10 minutes, so one
// submission can flip it only as the last of ≥ 20·k: a coarser event than the k-cohort release the
// counts already show. Refusals by the submission limit switch it on too, but a refused
// submission is not stored, so that flip times no stored response. It switches off on whole
// minutes, as old buckets age out, and nothing here is ever written to the log.
//
// The minute buckets sit in the GuardStore: this process's memory on SQLite; on PostgreSQL a table
// every instance adds to (so 60 through one instance and 60 through the other make 120), UNLOGGED,
// keyed by a hash of the link id under an hourly key, each bucket deleted once it is 10 minutes
// old and its key an hour after that: no later reader of the files can tie a minute to a link.
import type { GuardStore } from "../storage/guard-store.ts";
import { createMemoryGuards } from "../storage/memory-guards.ts";

const BUCKET_MS = 60_000;
const WINDOW_BUCKETS = 10;

export interface BurstWatch {
  noteStored(linkId: string, now: number): Promise<void>;
  noteRefused(linkId: string, now: number): Promise<void>;
  /**
   * The links among `linkIds` whose alert is on: the last 10 minutes hold ≥ max(100, 20·k)
   * stored, or any limit refusal.
   */
  alarmed(linkIds: string[], k: number, now: number): Promise<Set<string>>;
}

export const burstThreshold = (k: number) => Math.max(100, 20 * k);

export function createBurstWatch(
  store: Pick<GuardStore, "noteBurst" | "burstCounts"> = createMemoryGuards(),
): BurstWatch {
  const minuteOf = (now: number) => Math.floor(now / BUCKET_MS);
  const note = (linkId: string, kind: "stored" | "refused", now: number) => {
    const minute = minuteOf(now);
    // Counted in the last WINDOW_BUCKETS minutes, this one included; forgotten after.
    const keepUntil = (minute + WINDOW_BUCKETS) * BUCKET_MS;
    return store.noteBurst({ linkId, kind, minute, keepUntil }, now);
  };
  return {
    noteStored: (linkId, now) => note(linkId, "stored", now),
    noteRefused: (linkId, now) => note(linkId, "refused", now),
    async alarmed(linkIds, k, now) {
      const counts = await store.burstCounts(linkIds, minuteOf(now) - WINDOW_BUCKETS + 1, now);
      const on = new Set<string>();
      for (const [linkId, { stored, refused }] of counts)
        if (stored >= burstThreshold(k) || refused > 0) on.add(linkId);
      return on;
    },
  };
}
