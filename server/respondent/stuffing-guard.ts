// What contains ballot stuffing through open links (README: Stuffing), built once from the settings:
// the per-address limit, the burst alert's counts and the optional proof-of-work. The counts sit in
// the storage's GuardStore (memory on SQLite, shared by the instances on PostgreSQL).
import type { Config } from "../config.ts";
import type { RateLimiter } from "../http/rate-limit.ts";
import type { GuardStore } from "../storage/guard-store.ts";
import { type BurstWatch, createBurstWatch } from "./burst-watch.ts";
import { createProofOfWork, type ProofOfWork } from "./proof-of-work.ts";
import { createSubmitLimiter } from "./submit-limit.ts";

export interface StuffingGuard {
  /** Submissions through links per address (SUBMIT_LIMIT_PER_ADDRESS). */
  limiter: RateLimiter;
  bursts: BurstWatch;
  /** Null unless SUBMIT_PROOF_OF_WORK is set. */
  proofOfWork: ProofOfWork | null;
}

export function createStuffingGuard(
  config: Pick<Config, "submitLimitPerAddress" | "submitProofOfWork">,
  store: GuardStore,
): StuffingGuard {
  return {
    limiter: createSubmitLimiter(config.submitLimitPerAddress, store),
    bursts: createBurstWatch(store),
    proofOfWork:
      config.submitProofOfWork > 0 ? createProofOfWork(config.submitProofOfWork, store) : null,
  };
}
