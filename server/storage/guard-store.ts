// What the guards against guessing and flooding count: code lookups and link submissions per
// address (http/rate-limit.ts), password checks per account and address (admin/login-throttle.ts),
// submissions per link per minute (respondent/burst-watch.ts) and the one-time setup link
// (admin/setup-link.ts). Counters only: each guard keeps its own rules (windows, waits, thresholds)
// and hands this store the numbers they give.
//
// SQLite serves one process by design, so it keeps them in that process's memory, as before
// (memory-guards.ts): an address then never reaches any file. PostgreSQL shares them between
// instances (postgres/pg-guards.ts), in UNLOGGED tables that hold a keyed hash of each address,
// account name and link id, never the clear text, under a key that changes every hour.

/** One request, counted in the fixed window of its scope that ends at `windowEnd` (ms). */
export interface CountedRequest {
  /** Which guard counts, e.g. "code-lookup": each scope has windows of its own. */
  scope: string;
  address: string;
  /** Requests from one address per window, and from everyone together (Infinity: no such limit). */
  perAddress: number;
  global: number;
  windowEnd: number;
  now: number;
}

/** What a password check is throttled by, per key (an account name or an address). */
export interface SignInCounter {
  /** Attempts counted since the key was last forgiven, refused ones included. */
  attempts: number;
  /** When the last admitted check started (ms): the waits run from here. */
  checkedAt: number;
  /** When an attempt was last counted; a key quiet longer than the forget time starts afresh. */
  seenAt: number;
  /** Checks running now under this key: started, and neither ended nor past their lease. */
  readonly inFlight: number;
}

/** What a decision on sign-in counters returns: its answer, and whether a check starts now. */
export interface SignInDecision<T> {
  result: T;
  /** True: one more check is in flight on every key until endSignInCheck, or the lease runs out. */
  startsCheck: boolean;
}

export interface SignInKeys {
  /** e.g. ["ip:10.0.0.1", "a:chief"]; the counters reach `decide` in this order. */
  keys: string[];
  now: number;
  /** A key with no attempt counted for this long is forgotten: it starts at zero. */
  forgetMs: number;
  /** How long a started check counts as in flight at most, should it never be ended (a crash). */
  leaseMs: number;
}

export interface BurstNote {
  linkId: string;
  kind: "stored" | "refused";
  /** The minute bucket (ms since the epoch / 60,000) and when it may be forgotten (ms). */
  minute: number;
  keepUntil: number;
}

export interface BurstCounts {
  stored: number;
  refused: number;
}

export interface GuardStore {
  /**
   * Counts one request on its address, then on everyone, unless either already holds its limit in
   * this window: then false, and the request is not counted (by the other either, whenever it
   * matters: a full window refuses everything until it ends).
   */
  countRequest(request: CountedRequest): Promise<boolean>;
  /**
   * Runs `decide` on the counters of `keys` with no other decision on any of them in between, on
   * this instance or another, and keeps what it changed. The counters are fresh ones (zero) for a
   * key never seen or forgotten. Returns the decision's result and, when a check started, the lease
   * to end it with.
   */
  decideSignIn<T>(
    keys: SignInKeys,
    decide: (counters: SignInCounter[]) => SignInDecision<T>,
  ): Promise<{ result: T; lease: string | null }>;
  /** A started check is over (ending one twice, or one past its lease, changes nothing). */
  endSignInCheck(lease: string): Promise<void>;
  noteBurst(note: BurstNote, now: number): Promise<void>;
  /** Per link, the sums of its buckets from `sinceMinute` on; a link without any is left out. */
  burstCounts(
    linkIds: string[],
    sinceMinute: number,
    now: number,
  ): Promise<Map<string, BurstCounts>>;
  /**
   * Keeps a setup link (the sha256 of its token) until `expiresAt`, in place of `replacing`, the one
   * this instance issued before (if any).
   */
  putSetupLink(hash: string, expiresAt: number, replacing: string | null): Promise<void>;
  /**
   * Spends the setup link `hash`: true if it was there and not expired at `now`. Gone afterwards
   * either way; a live one spends every other setup link with it, so two links used at once never
   * make two first admins.
   */
  takeSetupLink(hash: string, now: number): Promise<boolean>;
  /**
   * The key that signs proof-of-work puzzles issued at `issuedAt` (ms), the same on every instance:
   * one per hour, made when `make` (issuing), else null once that hour's key is gone (verifying a
   * puzzle older than its key: expired anyway).
   */
  proofKey(issuedAt: number, now: number, make: boolean): Promise<Buffer | null>;
  /**
   * Marks a solved puzzle (its salt) spent until `keepUntil`: false when it already was, on this
   * instance or another, so one solution pays for one stored response.
   */
  spendPuzzle(salt: string, keepUntil: number, now: number): Promise<boolean>;
  /** Forgets what has expired by `now` (also done along the way; this is for a quiet server). */
  purgeGuards(now: number): Promise<void>;
}
