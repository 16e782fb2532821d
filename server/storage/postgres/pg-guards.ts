// The guards' counters in PostgreSQL, shared by every instance (migrations/0003_guards.sql): a
// round-robin must not give each instance's allowance to one attacker. Every change is one atomic
// statement (INSERT … ON CONFLICT DO UPDATE, conditional on the limit) or, for a sign-in decision
// over two counters, a transaction holding both rows' locks from the upsert that reads them to the
// write of what was decided. No address, account name or link id reaches the database: only its
// HMAC under the key of the hour, made here.
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import type { BurstCounts, GuardStore, SignInCounter } from "../guard-store.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction, LOCKS, lockForTransaction } from "./pg-transaction.ts";

/** A key hashes one hour's names; the previous hour's stays for what outlives its hour. */
const KEY_PERIOD_MS = 60 * 60_000;
/** How long an instance trusts its copy of a key: after a crash emptied guard_keys, it puts it back. */
const KEY_RECHECK_MS = 60_000;
/** Expired rows are deleted along the way at most this often per instance (and by purgeGuards). */
const PURGE_EVERY_MS = 60_000;

const periodOf = (ms: number) => Math.floor(ms / KEY_PERIOD_MS);

// The stored key if there is one (another instance made it first), else this one.
const KEY = `INSERT INTO guard_keys (period, key) VALUES ($1, $2)
  ON CONFLICT (period) DO UPDATE SET key = guard_keys.key RETURNING key`;
const EXISTING_KEY = "SELECT key FROM guard_keys WHERE period = $1";

// Counts on the address (a new window starts at 1), only while under its limit: no row back means
// refused. `keep_until` is the window's end.
const COUNT_ADDRESS = `INSERT INTO guard_windows AS w (key_hash, window_end, n, keep_until)
  VALUES ($1, $2, 1, $2)
  ON CONFLICT (key_hash) DO UPDATE SET
    n = CASE WHEN w.window_end < EXCLUDED.window_end THEN 1 ELSE w.n + 1 END,
    window_end = greatest(w.window_end, EXCLUDED.window_end),
    keep_until = greatest(w.keep_until, EXCLUDED.keep_until)
  WHERE w.window_end < EXCLUDED.window_end OR w.n < $3
  RETURNING 1`;
// The same, then on everyone's count only if the address was counted.
const COUNT_ADDRESS_AND_ALL = `WITH mine AS (
    INSERT INTO guard_windows AS w (key_hash, window_end, n, keep_until) VALUES ($1, $2, 1, $2)
    ON CONFLICT (key_hash) DO UPDATE SET
      n = CASE WHEN w.window_end < EXCLUDED.window_end THEN 1 ELSE w.n + 1 END,
      window_end = greatest(w.window_end, EXCLUDED.window_end),
      keep_until = greatest(w.keep_until, EXCLUDED.keep_until)
    WHERE w.window_end < EXCLUDED.window_end OR w.n < $3
    RETURNING 1
  )
  INSERT INTO guard_windows AS w (key_hash, window_end, n, keep_until)
  SELECT $4::bytea, $2::bigint, 1, $2::bigint FROM mine
  ON CONFLICT (key_hash) DO UPDATE SET
    n = CASE WHEN w.window_end < EXCLUDED.window_end THEN 1 ELSE w.n + 1 END,
    window_end = greatest(w.window_end, EXCLUDED.window_end),
    keep_until = greatest(w.keep_until, EXCLUDED.keep_until)
  WHERE w.window_end < EXCLUDED.window_end OR w.n < $5
  RETURNING 1`;

// Locks one sign-in counter (made at zero if missing), first moving it, and its leases, from the
// previous hour's hash ($2) to this hour's ($1). Its values are returned as locked: a decision by
// another instance on the same key waits for this transaction's COMMIT.
const LOCK_SIGN_IN = `WITH carried AS (
    DELETE FROM guard_sign_ins WHERE key_hash = $2
    RETURNING attempts, checked_at, seen_at, keep_until
  ), moved AS (
    UPDATE guard_sign_in_leases SET key_hash = $1 WHERE key_hash = $2
  )
  INSERT INTO guard_sign_ins AS s (key_hash, attempts, checked_at, seen_at, keep_until)
  SELECT $1::bytea, coalesce(max(attempts), 0), coalesce(max(checked_at), 0),
         coalesce(max(seen_at), 0), coalesce(max(keep_until), 0)
    FROM carried
  ON CONFLICT (key_hash) DO UPDATE SET
    attempts = greatest(s.attempts, EXCLUDED.attempts),
    checked_at = greatest(s.checked_at, EXCLUDED.checked_at),
    seen_at = greatest(s.seen_at, EXCLUDED.seen_at),
    keep_until = greatest(s.keep_until, EXCLUDED.keep_until)
  RETURNING attempts, checked_at AS "checkedAt", seen_at AS "seenAt"`;
// A statement of its own, after the locks: READ COMMITTED then sees every lease committed by a
// decision this one waited for (a subquery in LOCK_SIGN_IN would read an older snapshot).
const IN_FLIGHT = `SELECT key_hash AS hash, count(*) AS n FROM guard_sign_in_leases
  WHERE key_hash = ANY($1::bytea[]) AND keep_until > $2 GROUP BY key_hash`;
const WRITE_SIGN_INS = `UPDATE guard_sign_ins AS s SET attempts = v.attempts,
    checked_at = v.checked_at, seen_at = v.seen_at, keep_until = v.keep_until
  FROM unnest($1::bytea[], $2::integer[], $3::bigint[], $4::bigint[], $5::bigint[])
    AS v (key_hash, attempts, checked_at, seen_at, keep_until)
  WHERE s.key_hash = v.key_hash`;
const TAKE_LEASES = `INSERT INTO guard_sign_in_leases (lease, key_hash, keep_until)
  SELECT $1::text, h, $3::bigint FROM unnest($2::bytea[]) AS h`;

const NOTE_BURST = `INSERT INTO guard_bursts AS b (key_hash, minute, stored, refused, keep_until)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (key_hash, minute) DO UPDATE SET
    stored = b.stored + EXCLUDED.stored, refused = b.refused + EXCLUDED.refused`;
const BURST_COUNTS = `SELECT key_hash AS hash, sum(stored) AS stored, sum(refused) AS refused
  FROM guard_bursts WHERE key_hash = ANY($1::bytea[]) AND minute >= $2 AND keep_until > $3
  GROUP BY key_hash`;

const PUT_SETUP_LINK = `WITH replaced AS (DELETE FROM setup_links WHERE token_hash = $3)
  INSERT INTO setup_links (token_hash, expires_at) VALUES ($1, $2)`;

const PURGE = `WITH windows AS (DELETE FROM guard_windows WHERE keep_until <= $1),
    sign_ins AS (DELETE FROM guard_sign_ins WHERE keep_until <= $1),
    leases AS (DELETE FROM guard_sign_in_leases WHERE keep_until <= $1),
    bursts AS (DELETE FROM guard_bursts WHERE keep_until <= $1),
    keys AS (DELETE FROM guard_keys WHERE period < $2),
    puzzles AS (DELETE FROM guard_spent_puzzles WHERE keep_until <= $1)
  DELETE FROM setup_links WHERE expires_at < $1`;

// Inserted once: a second spend of the same salt, on any instance, finds the row and gets none back.
const SPEND_PUZZLE = `INSERT INTO guard_spent_puzzles (salt_hash, keep_until) VALUES ($1, $2)
  ON CONFLICT (salt_hash) DO NOTHING RETURNING 1 AS spent`;

interface CachedKey {
  key: Buffer;
  checkedAt: number;
}

interface LockedSignIn {
  attempts: number;
  checkedAt: number;
  seenAt: number;
}

export function createPgGuards(pool: Pool): GuardStore {
  const keys = new Map<number, CachedKey>();
  let purgedAt = Number.NEGATIVE_INFINITY;

  /** The key of `period`: made if `make` (an hour being written), else null when there is none. */
  const keyOf = async (period: number, now: number, make: boolean): Promise<Buffer | null> => {
    const cached = keys.get(period);
    if (cached && now - cached.checkedAt < KEY_RECHECK_MS) return cached.key;
    // Offering the copy held here puts it back if guard_keys was emptied (a crash), so instances
    // that kept theirs and one that starts afresh hash alike.
    const offered = cached?.key ?? (make ? randomBytes(32) : null);
    const { rows } = offered
      ? await pool.query<{ key: Buffer }>(KEY, [period, offered])
      : await pool.query<{ key: Buffer }>(EXISTING_KEY, [period]);
    const key = rows[0]?.key ?? null;
    if (key) keys.set(period, { key, checkedAt: now });
    return key;
  };
  const keyToWrite = async (period: number, now: number): Promise<Buffer> => {
    const key = await keyOf(period, now, true);
    if (!key) throw new Error("guard_keys returned no key");
    return key;
  };

  const hashOf = (key: Buffer, ...parts: string[]) =>
    createHmac("sha256", key).update(parts.join("\0")).digest();

  const purge = async (now: number) => {
    purgedAt = now;
    await pool.query(PURGE, [now, periodOf(now) - 1]);
    for (const period of keys.keys()) if (period < periodOf(now) - 1) keys.delete(period);
  };
  const purgeNowAndThen = async (now: number) => {
    if (now - purgedAt >= PURGE_EVERY_MS) await purge(now);
  };

  return {
    async countRequest({ scope, address, perAddress, global, windowEnd, now }) {
      if (perAddress < 1 || global < 1) return false;
      await purgeNowAndThen(now);
      // The key of the hour the window ends in: every request of one window hashes alike.
      const key = await keyToWrite(periodOf(windowEnd - 1), now);
      const mine = hashOf(key, "window", scope, address);
      const { rowCount } = Number.isFinite(global)
        ? await pool.query(COUNT_ADDRESS_AND_ALL, [
            mine,
            windowEnd,
            perAddress,
            hashOf(key, "window-all", scope),
            global,
          ])
        : await pool.query(COUNT_ADDRESS, [mine, windowEnd, perAddress]);
      return rowCount === 1;
    },

    async decideSignIn({ keys: names, now, forgetMs, leaseMs }, decide) {
      await purgeNowAndThen(now);
      const current = await keyToWrite(periodOf(now), now);
      const previous = await keyOf(periodOf(now) - 1, now, false);
      const hashes = names.map((name) => ({
        now: hashOf(current, "sign-in", name),
        before: previous && hashOf(previous, "sign-in", name),
      }));
      // Locked in one order on every instance, so two decisions never wait on each other crosswise.
      const order = hashes
        .map((_, i) => i)
        .sort((a, b) => Buffer.compare(hashes[a]!.now, hashes[b]!.now));
      return inTransaction(pool, async (client) => {
        const rows: LockedSignIn[] = [];
        for (const i of order) {
          const { rows: locked } = await client.query<LockedSignIn>(LOCK_SIGN_IN, [
            hashes[i]!.now,
            hashes[i]!.before,
          ]);
          const row = locked[0];
          if (!row) throw new Error("guard_sign_ins returned no row");
          rows[i] = row;
        }
        const { rows: running } = await client.query<{ hash: Buffer; n: number }>(IN_FLIGHT, [
          hashes.map((h) => h.now),
          now,
        ]);
        const counters: SignInCounter[] = rows.map((row, i) => {
          const inFlight = running.find((r) => r.hash.equals(hashes[i]!.now))?.n ?? 0;
          return now - row.seenAt <= forgetMs
            ? { ...row, inFlight }
            : { attempts: 0, checkedAt: 0, seenAt: now, inFlight };
        });
        const { result, startsCheck } = decide(counters);
        await client.query(WRITE_SIGN_INS, [
          hashes.map((h) => h.now),
          counters.map((c) => c.attempts),
          counters.map((c) => c.checkedAt),
          counters.map((c) => c.seenAt),
          // Kept while remembered: forgotten once quiet for longer than forgetMs.
          counters.map((c) => c.seenAt + forgetMs + 1),
        ]);
        if (!startsCheck) return { result, lease: null };
        const lease = randomUUID();
        await client.query(TAKE_LEASES, [lease, hashes.map((h) => h.now), now + leaseMs]);
        return { result, lease };
      });
    },

    async endSignInCheck(lease) {
      await pool.query("DELETE FROM guard_sign_in_leases WHERE lease = $1", [lease]);
    },

    async noteBurst({ linkId, kind, minute, keepUntil }, now) {
      await purgeNowAndThen(now);
      const key = await keyToWrite(periodOf(now), now);
      await pool.query(NOTE_BURST, [
        hashOf(key, "burst", linkId),
        minute,
        kind === "stored" ? 1 : 0,
        kind === "refused" ? 1 : 0,
        keepUntil,
      ]);
    },

    async burstCounts(linkIds, sinceMinute, now) {
      const counts = new Map<string, BurstCounts>();
      if (linkIds.length === 0) return counts;
      // Each bucket is hashed under the key of its own hour: the window may span two.
      const byHash = new Map<string, string>();
      for (let period = periodOf(sinceMinute * 60_000); period <= periodOf(now); period++) {
        const key = await keyOf(period, now, false);
        if (key) for (const id of linkIds) byHash.set(hashOf(key, "burst", id).toString("hex"), id);
      }
      if (byHash.size === 0) return counts;
      const { rows } = await pool.query<{ hash: Buffer } & BurstCounts>(BURST_COUNTS, [
        [...byHash.keys()].map((hex) => Buffer.from(hex, "hex")),
        sinceMinute,
        now,
      ]);
      for (const row of rows) {
        const id = byHash.get(row.hash.toString("hex"));
        if (id === undefined) continue;
        const sum = counts.get(id) ?? { stored: 0, refused: 0 };
        counts.set(id, { stored: sum.stored + row.stored, refused: sum.refused + row.refused });
      }
      return counts;
    },

    async putSetupLink(hash, expiresAt, replacing) {
      await pool.query(PUT_SETUP_LINK, [hash, expiresAt, replacing]);
    },

    takeSetupLink: (hash, now) =>
      inTransaction(pool, async (client) => {
        // One spender at a time across instances: a live link spends the others with it, so two
        // links used at once (each instance printed one) still make one first admin.
        await lockForTransaction(client, LOCKS.setup);
        const { rows } = await client.query<{ expiresAt: number }>(
          'DELETE FROM setup_links WHERE token_hash = $1 RETURNING expires_at AS "expiresAt"',
          [hash],
        );
        const live = rows[0] !== undefined && now <= rows[0].expiresAt;
        if (live) await client.query("DELETE FROM setup_links");
        return live;
      }),

    purgeGuards: (now) => purge(now),

    async proofKey(issuedAt, now, make) {
      // Derived from the hour's guard key, never the key itself: a puzzle's signature and an
      // address's hash are made under different keys.
      const key = await keyOf(periodOf(issuedAt), now, make);
      return key && createHmac("sha256", key).update("proof-of-work").digest();
    },

    async spendPuzzle(salt, keepUntil, now) {
      await purgeNowAndThen(now);
      // The salt is a link id, an expiry and 96 random bits: its sha256 names no link to anyone
      // without the salt, which only the phone that solved it and the server ever held.
      const hash = createHash("sha256").update(salt).digest();
      const { rows } = await pool.query(SPEND_PUZZLE, [hash, keepUntil]);
      return rows.length === 1;
    },
  };
}
