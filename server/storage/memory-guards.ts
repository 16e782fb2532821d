// The guards' counters in this process's memory: SQLite's GuardStore (one process by design). An
// address or account name is never written to a file or the log, and a restart only forgives.
// Each operation runs to its end without yielding, so no two decisions interleave.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type {
  BurstCounts,
  BurstNote,
  CountedRequest,
  GuardStore,
  SignInCounter,
} from "./guard-store.ts";

/** Beyond this many tracked keys the oldest are forgotten, so a flood cannot exhaust memory. */
const MAX_KEYS = 50_000;
/** Proof-of-work keys change every hour, as PostgreSQL's guard keys do. */
const PROOF_KEY_PERIOD_MS = 60 * 60_000;
/** More links than any survey has; past it the least recently active are forgotten. */
const MAX_LINKS = 10_000;

interface Window {
  end: number;
  total: number;
  perAddress: Map<string, number>;
}

interface Counter extends SignInCounter {
  inFlight: number;
}

interface Bucket extends BurstCounts {
  minute: number;
  keepUntil: number;
}

export function createMemoryGuards(): GuardStore {
  const windows = new Map<string, Window>();
  const counters = new Map<string, Counter>();
  const leases = new Map<string, Counter[]>();
  const links = new Map<string, Bucket[]>();
  let setupLink: { hash: Buffer; expiresAt: number } | null = null;
  /** Proof-of-work keys per hour, made in this process: a restart only invalidates puzzles in flight. */
  const proofKeys = new Map<number, Buffer>();
  /** Spent puzzles' salts → until when; every salt lives as long, so insertion order is expiry order. */
  const spentPuzzles = new Map<string, number>();
  let nextLease = 0;

  const windowOf = (scope: string, end: number): Window => {
    const known = windows.get(scope);
    if (known && known.end >= end) return known;
    const fresh = { end, total: 0, perAddress: new Map<string, number>() };
    windows.set(scope, fresh);
    return fresh;
  };

  const counterOf = (key: string, now: number, forgetMs: number): Counter => {
    const known = counters.get(key);
    if (known && now - known.seenAt <= forgetMs) return known;
    // A check still running on a forgotten counter releases that one: this starts at 0, never stuck.
    const fresh = { attempts: 0, checkedAt: 0, seenAt: now, inFlight: 0 };
    counters.delete(key);
    counters.set(key, fresh);
    if (counters.size > MAX_KEYS) counters.delete(counters.keys().next().value ?? "");
    return fresh;
  };

  const bucketsOf = (linkId: string, now: number) =>
    (links.get(linkId) ?? []).filter((b) => b.keepUntil > now);

  return {
    async countRequest({ scope, address, perAddress, global, windowEnd }: CountedRequest) {
      const window = windowOf(scope, windowEnd);
      const mine = window.perAddress.get(address) ?? 0;
      if (window.total >= global || mine >= perAddress) return false;
      window.total += 1;
      window.perAddress.set(address, mine + 1);
      if (window.perAddress.size > MAX_KEYS)
        window.perAddress.delete(window.perAddress.keys().next().value ?? "");
      return true;
    },

    async decideSignIn({ keys, now, forgetMs }, decide) {
      const mine = keys.map((key) => counterOf(key, now, forgetMs));
      const { result, startsCheck } = decide(mine);
      if (!startsCheck) return { result, lease: null };
      for (const counter of mine) counter.inFlight += 1;
      const lease = String(nextLease++);
      leases.set(lease, mine);
      return { result, lease };
    },

    async endSignInCheck(lease) {
      for (const counter of leases.get(lease) ?? []) counter.inFlight -= 1;
      leases.delete(lease);
    },

    async noteBurst({ linkId, kind, minute, keepUntil }: BurstNote, now) {
      const buckets = bucketsOf(linkId, now);
      let bucket = buckets.at(-1);
      if (bucket?.minute !== minute) {
        bucket = { minute, keepUntil, stored: 0, refused: 0 };
        buckets.push(bucket);
      }
      bucket[kind] += 1;
      // Re-inserting keeps the Map in order of last activity, so the oldest is dropped first.
      links.delete(linkId);
      links.set(linkId, buckets);
      if (links.size > MAX_LINKS) links.delete(links.keys().next().value ?? "");
    },

    async burstCounts(linkIds, sinceMinute, now) {
      const counts = new Map<string, BurstCounts>();
      for (const linkId of linkIds) {
        const recent = bucketsOf(linkId, now).filter((b) => b.minute >= sinceMinute);
        if (recent.length === 0) continue;
        counts.set(linkId, {
          stored: recent.reduce((n, b) => n + b.stored, 0),
          refused: recent.reduce((n, b) => n + b.refused, 0),
        });
      }
      return counts;
    },

    async putSetupLink(hash, expiresAt) {
      // One process, one link: a new one always replaces the earlier.
      setupLink = { hash: Buffer.from(hash), expiresAt };
    },

    async takeSetupLink(hash, now) {
      const live = setupLink;
      if (!live) return false;
      const given = Buffer.from(hash);
      const matches = given.length === live.hash.length && timingSafeEqual(given, live.hash);
      if (!matches) return false;
      setupLink = null;
      return now <= live.expiresAt;
    },

    async purgeGuards(now) {
      for (const [scope, window] of windows) if (window.end <= now) windows.delete(scope);
      for (const [linkId] of links) {
        const kept = bucketsOf(linkId, now);
        if (kept.length === 0) links.delete(linkId);
        else links.set(linkId, kept);
      }
      if (setupLink && setupLink.expiresAt < now) setupLink = null;
      forgetPuzzles(now);
    },

    async proofKey(issuedAt, now, make) {
      const period = Math.floor(issuedAt / PROOF_KEY_PERIOD_MS);
      // The hour before stays: a puzzle issued at its end is good for half an hour after it.
      for (const old of proofKeys.keys())
        if (old < Math.floor(now / PROOF_KEY_PERIOD_MS) - 1) proofKeys.delete(old);
      const known = proofKeys.get(period);
      if (known || !make) return known ?? null;
      const key = randomBytes(32);
      proofKeys.set(period, key);
      return key;
    },

    async spendPuzzle(salt, keepUntil, now) {
      forgetPuzzles(now);
      if (spentPuzzles.has(salt)) return false;
      spentPuzzles.set(salt, keepUntil);
      return true;
    },
  };

  function forgetPuzzles(now: number) {
    for (const [salt, until] of spentPuzzles) {
      if (until > now) break;
      spentPuzzles.delete(salt);
    }
  }
}
