// The service and a command typed by hand (`sudo -u survey /opt/survey/bin/survey …`, which sees
// none of the unit's Environment=) must read one database: the unit names only SURVEY_CONFIG, and
// DATABASE_PATH lives in that file (before: the unit set DATABASE_PATH, the hand-run upgrade,
// backup or restore used the release folder's data/survey.db).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { configProblem, type Folders, loadConfig } from "../../server/config.ts";

const UNIT = readFileSync(resolve("server/deploy/systemd/survey.service"), "utf8");
const ETC_FILE = "/etc/survey/survey.env";

/** The unit's Environment= assignments, with /etc/survey/survey.env moved to `settingsFile`. */
function unitEnvironment(settingsFile: string): Record<string, string> {
  const line = /^Environment=(.*)$/m.exec(UNIT)?.[1] ?? "";
  return Object.fromEntries(
    line
      .split(/\s+/)
      .filter((pair) => pair.includes("="))
      .map((pair) => {
        const [key = "", value = ""] = pair.split(/=(.*)/s);
        return [key, value === ETC_FILE ? settingsFile : value];
      }),
  );
}

// The release as the README installs it; the service and sudo both start in "/".
const folders: Folders = { cwd: "/", root: "/opt/survey-0.1.0-linux-x64" };

function office(settings: string) {
  const file = join(mkdtempSync(join(tmpdir(), "hand-cli-")), "survey.env");
  writeFileSync(file, settings);
  const service = loadConfig(unitEnvironment(file), [], folders);
  // bin/survey exports SURVEY_CONFIG=/etc/survey/survey.env when it exists; nothing else.
  const byHand = loadConfig({ SURVEY_CONFIG: file }, [], folders);
  if (!service.ok || !byHand.ok) throw new Error("settings refused");
  return { service: service.config.databasePath, byHand: byHand.config.databasePath };
}

it("with the shipped settings file, the service and a command by hand open one database", () => {
  const { service, byHand } = office(
    readFileSync(resolve("server/deploy/survey.env.example"), "utf8"),
  );
  expect(service).toBe("/var/lib/survey/survey.db");
  expect(byHand).toBe(service);
});

it("the shipped settings file is one the server accepts", () => {
  const file = join(mkdtempSync(join(tmpdir(), "hand-cli-")), "survey.env");
  writeFileSync(file, readFileSync(resolve("server/deploy/survey.env.example"), "utf8"));
  const loaded = loadConfig({ SURVEY_CONFIG: file }, [], folders);
  expect(loaded.ok && configProblem(loaded.config)).toBeNull();
});

it("DATABASE_PATH in /etc/survey/survey.env is the one database both use", () => {
  const { service, byHand } = office("DATABASE_PATH=/srv/survey/survey.db\n");
  expect(byHand).toBe("/srv/survey/survey.db");
  // Today the unit's Environment= wins silently: the server keeps /var/lib/survey/survey.db.
  expect(service).toBe(byHand);
});
