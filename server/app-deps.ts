// What the HTTP app needs from the outside world, passed in so tests can build it on a temp file.

import type { LoginThrottle } from "./admin/login-throttle.ts";
import type { SetupLink } from "./admin/setup-link.ts";
import type { GroupCommit } from "./ballot-box/group-commit.ts";
import type { Upkeep } from "./ballot-box/upkeep.ts";
import type { ResultsPool } from "./export/worker/results-pool.ts";
import type { TrustedProxies } from "./http/client-address.ts";
import type { RateLimiter } from "./http/rate-limit.ts";
import type { ClientAssets } from "./respondent/client-assets.ts";
import type { StuffingGuard } from "./respondent/stuffing-guard.ts";
import type { ResponseToStore, Storage, StoreOutcome } from "./storage/storage.ts";
import type { SurveyCatalog } from "./surveys/survey-catalog.ts";

export interface AppDeps {
  storage: Storage;
  catalog: SurveyCatalog;
  submissions: GroupCommit<ResponseToStore, StoreOutcome>;
  /** Releases cohorts, fills the long table, rebuilds the file; call catchUp() before reading. */
  upkeep: Upkeep;
  /** The built phone page, or null when `npm run build` has not run (the page then says so). */
  client: ClientAssets | null;
  /** Responses are dated to the day in this zone, e.g. Asia/Shanghai. */
  timeZone: string;
  now: () => Date;
  bodyLimitBytes: number;
  /** Where respondents reach this server, e.g. http://192.168.1.20:3000: the base of printed URLs. */
  publicBase: string;
  /** Served over HTTPS (PUBLIC_URL is https): cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  loginThrottle: LoginThrottle;
  /** TRUST_PROXY: whose X-Forwarded-For names the client (http/client-address.ts). */
  trustedProxies: TrustedProxies;
  /**
   * Lookups of single-use codes, per address and in all, counted in storage.GuardStore (memory on
   * SQLite, shared by the instances on PostgreSQL; never an address in clear, never logged).
   */
  codeLimiter: RateLimiter;
  setupLink: SetupLink;
  /** Submissions through links: per-address limit and burst alert (GuardStore), optional proof-of-work. */
  stuffing: StuffingGuard;
  /**
   * Tabulations and downloads, computed by a worker thread off the event loop. It holds the
   * publication ledger (what was published, so no two results can be subtracted; kept on disk).
   */
  results: ResultsPool;
  log: (line: string) => void;
}

/**
 * What one route (or a helper it calls) takes: the AppDeps fields in K, and as `storage` only the
 * stores S it uses (a per-domain interface from storage/*-store.ts, or a Pick of one). app.ts still
 * hands every route the whole AppDeps, which fits by structural typing; the narrow type is there so
 * a route cannot reach the other domains' methods by accident, and its signature says what it reads
 * and writes (tests/server/route-deps.test.ts keeps it so).
 */
export type RouteDeps<K extends Exclude<keyof AppDeps, "storage">, S> = Pick<AppDeps, K> & {
  storage: S;
};
