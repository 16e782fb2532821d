// Builds the running system from a Config: storage, surveys, group commit. Shared by main, CLI and tests.
import type { AppDeps } from "./app-deps.ts";
import type { Config } from "./config.ts";
import { dayIn } from "./http/clock.ts";
import { loadClientAssets } from "./respond/client-assets.ts";
import { createGroupCommit } from "./responses/group-commit.ts";
import { openSqliteStorage } from "./storage/sqlite-storage.ts";
import type { ResponseToStore, StoreOutcome } from "./storage/storage.ts";
import { createSurveyCatalog, type LoadReport, loadSurveyFiles } from "./surveys/survey-catalog.ts";

export interface System {
  deps: AppDeps;
  report: LoadReport;
  close(): Promise<void>;
}

export function composeSystem(config: Config, overrides: Partial<AppDeps> = {}): System {
  const now = overrides.now ?? (() => new Date());
  const storage = openSqliteStorage(config.databasePath);
  const report = loadSurveyFiles(storage, config.surveysDir, dayIn(config.timeZone, now()));
  const submissions = createGroupCommit<ResponseToStore, StoreOutcome>((batch) =>
    storage.storeResponses(batch, now().toISOString()),
  );
  const deps: AppDeps = {
    storage,
    catalog: createSurveyCatalog(storage),
    submissions,
    client: loadClientAssets(config.distDir),
    timeZone: config.timeZone,
    now,
    bodyLimitBytes: config.bodyLimitBytes,
    log: (line) => console.log(line),
    ...overrides,
  };
  return {
    deps,
    report,
    async close() {
      await submissions.drain();
      storage.close();
    },
  };
}
