// Builds the running system from a Config: storage, surveys, group commit. Shared by main, CLI and tests.
import { createLoginThrottle } from "./admin/login-throttle.ts";
import { createSetupLink } from "./admin/setup-link.ts";
import type { AppDeps } from "./app-deps.ts";
import type { Config } from "./config.ts";
import { createBufferedLog } from "./http/buffered-log.ts";
import { dayIn } from "./http/clock.ts";
import { baseUrl } from "./links/link-urls.ts";
import { loadClientAssets } from "./respond/client-assets.ts";
import { createAnswerIndexer } from "./responses/answer-indexer.ts";
import { createGroupCommit } from "./responses/group-commit.ts";
import { openSqliteStorage } from "./storage/sqlite-storage.ts";
import type { ResponseToStore, StoreOutcome } from "./storage/storage.ts";
import { createSurveyCatalog, type LoadReport, loadSurveyFiles } from "./surveys/survey-catalog.ts";
import { createPublicationLedger } from "./tabulate/disclosure/publication-ledger.ts";

export interface System {
  deps: AppDeps;
  report: LoadReport;
  close(): Promise<void>;
}

export function composeSystem(config: Config, overrides: Partial<AppDeps> = {}): System {
  const now = overrides.now ?? (() => new Date());
  const storage = openSqliteStorage(config.databasePath);
  const report = loadSurveyFiles(storage, config.surveysDir, dayIn(config.timeZone, now()));
  const answerIndex = createAnswerIndexer(storage);
  const submissions = createGroupCommit<ResponseToStore, StoreOutcome>((batch) => {
    const outcomes = storage.storeResponses(batch, now().toISOString());
    answerIndex.noteStored(outcomes.filter((o) => o.kind === "created").length);
    return outcomes;
  });
  const deps: AppDeps = {
    storage,
    catalog: createSurveyCatalog(storage),
    submissions,
    answerIndex,
    client: loadClientAssets(config.distDir),
    timeZone: config.timeZone,
    now,
    bodyLimitBytes: config.bodyLimitBytes,
    publicBase: baseUrl(config.publicUrl, config.port),
    secureCookies: config.publicUrl?.startsWith("https:") ?? false,
    loginThrottle: createLoginThrottle(),
    setupLink: createSetupLink(),
    ledger: createPublicationLedger(),
    log: createBufferedLog(),
    ...overrides,
  };
  return {
    deps,
    report,
    async close() {
      await submissions.drain();
      answerIndex.stop();
      // A clean shutdown leaves the long table complete (a crash leaves markers to resume from).
      answerIndex.catchUp();
      storage.close();
    },
  };
}
