// Builds the running system from a Config: storage, surveys, group commit. Shared by main, CLI and tests.
import { createLoginThrottle, DEFAULT_THROTTLE } from "./admin/login-throttle.ts";
import { createSetupLink } from "./admin/setup-link.ts";
import type { AppDeps } from "./app-deps.ts";
import { createGroupCommit } from "./ballot-box/group-commit.ts";
import { releaseDue } from "./ballot-box/releases.ts";
import { createUpkeep, type UpkeepOptions } from "./ballot-box/upkeep.ts";
import type { Config } from "./config.ts";
import { createResultsPool } from "./export/worker/results-pool.ts";
import { createBufferedLog } from "./http/buffered-log.ts";
import { NO_PROXIES, parseTrustedProxies } from "./http/client-address.ts";
import { dayIn } from "./http/clock.ts";
import { CODE_LOOKUP_LIMITS, createRateLimiter } from "./http/rate-limit.ts";
import { baseUrl } from "./links/link-urls.ts";
import { loadClientAssets } from "./respondent/client-assets.ts";
import { createStuffingGuard } from "./respondent/stuffing-guard.ts";
import { openPostgresStorage } from "./storage/postgres/pg-storage.ts";
import { openSqliteStorage } from "./storage/sqlite-storage.ts";
import type { ResponseToStore, Storage, StoreOutcome } from "./storage/storage.ts";
import { createSurveyCatalog, type LoadReport, loadSurveyFiles } from "./surveys/survey-catalog.ts";

/** How often expired guard counters are deleted when nothing else does it. */
const GUARD_PURGE_MS = 60_000;

export interface System {
  deps: AppDeps;
  report: LoadReport;
  /** The database works, but keeps something the start should name (printed with ⚠). */
  warnings: string[];
  close(): Promise<void>;
}

function trustedOrNone(entries: string[]) {
  const parsed = parseTrustedProxies(entries);
  return parsed.ok ? parsed.proxies : NO_PROXIES;
}

export async function composeSystem(
  config: Config,
  overrides: Partial<AppDeps> = {},
  upkeepOptions: UpkeepOptions = {},
): Promise<System> {
  const now = overrides.now ?? (() => new Date());
  const postgres = config.databaseUrl ? await openPostgresStorage(config.databaseUrl) : null;
  const storage: Storage = postgres ?? openSqliteStorage(config.databasePath);
  const report = await loadSurveyFiles(storage, config.surveysDir, dayIn(config.timeZone, now()));
  const catalog = createSurveyCatalog(storage);
  const log = overrides.log ?? createBufferedLog();
  const upkeep = createUpkeep(
    {
      // One instance at a time decides and releases (another one's pass counts as none here).
      release: async (limit) =>
        (await storage.alone("release", () =>
          releaseDue(storage, catalog, dayIn(config.timeZone, now()), limit),
        )) ?? 0,
      expand: (limit) => storage.expandPendingAnswers(limit),
      pending: () => storage.pendingAnswerCount(),
      truncateLog: () => storage.truncateLog(),
      rebuildFile: () => storage.rebuildFile(),
      log,
    },
    upkeepOptions,
  );
  const submissions = createGroupCommit<ResponseToStore, StoreOutcome>(async (batch) => {
    const outcomes = await storage.storeResponses(batch, now().toISOString());
    upkeep.noteStored(outcomes.filter((o) => o.kind === "created").length);
    return outcomes;
  });
  const deps: AppDeps = {
    storage,
    catalog,
    submissions,
    upkeep,
    client: loadClientAssets(config.distDir),
    timeZone: config.timeZone,
    now,
    bodyLimitBytes: config.bodyLimitBytes,
    // start-server.ts puts the bound port in once it listens (PORT=0 picks one).
    publicBase: baseUrl(config, config.port),
    secureCookies: config.publicUrl?.startsWith("https:") ?? false,
    loginThrottle: createLoginThrottle(DEFAULT_THROTTLE, storage),
    // start-server refuses a bad TRUST_PROXY first (configProblem); trusting nobody is the safe side.
    trustedProxies: trustedOrNone(config.trustProxy),
    codeLimiter: createRateLimiter(CODE_LOOKUP_LIMITS, { store: storage, scope: "code-lookup" }),
    setupLink: createSetupLink(storage),
    stuffing: createStuffingGuard(config, storage),
    results: createResultsPool({
      ...(config.databaseUrl
        ? { databaseUrl: config.databaseUrl }
        : { databasePath: config.databasePath }),
      catchUp: () => upkeep.catchUpInSlices(),
      persist: (w) => storage.writeLedger(w.versionId, w.fresh, w.domain, w.partition, w.basedOn),
      log,
    }),
    log,
    ...overrides,
  };
  // The guards' counters are also forgotten along the way; this is for a quiet server, so no
  // hashed address or key stays in the database long past its window.
  const purging = setInterval(() => {
    storage.purgeGuards(deps.now().getTime()).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log(JSON.stringify({ level: "error", route: "guards", error: message }));
    });
  }, GUARD_PURGE_MS);
  purging.unref();
  return {
    deps,
    report,
    warnings: postgres?.warnings ?? [],
    async close() {
      clearInterval(purging);
      await deps.results.close();
      await submissions.drain();
      // A clean shutdown leaves the long table complete and the file rebuilt in key order (a crash
      // leaves markers to resume from, and the next start rebuilds the file).
      await upkeep.finish();
      await storage.close();
    },
  };
}
