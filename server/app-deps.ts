// What the HTTP app needs from the outside world, passed in so tests can build it on a temp file.

import type { LoginThrottle } from "./admin/login-throttle.ts";
import type { SetupLink } from "./admin/setup-link.ts";
import type { RateLimiter } from "./http/rate-limit.ts";
import type { ClientAssets } from "./respond/client-assets.ts";
import type { GroupCommit } from "./responses/group-commit.ts";
import type { Upkeep } from "./responses/upkeep.ts";
import type { ResponseToStore, Storage, StoreOutcome } from "./storage/storage.ts";
import type { SurveyCatalog } from "./surveys/survey-catalog.ts";
import type { PublicationLedger } from "./tabulate/disclosure/publication-ledger.ts";

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
  /** Lookups of single-use codes, per address and in all (memory only, never logged). */
  codeLimiter: RateLimiter;
  setupLink: SetupLink;
  /** What results were published, per survey version, so no two can be subtracted (kept on disk). */
  ledger: PublicationLedger;
  log: (line: string) => void;
}
