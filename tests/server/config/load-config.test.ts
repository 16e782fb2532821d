// One reading of the settings for server and CLI: which file, which value wins, where relative
// paths start, and a refusal naming the file and key for anything that cannot be meant.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appRoot, findAppRoot } from "../../../server/app-root.ts";
import { composeSystem } from "../../../server/compose.ts";
import { type Folders, type LoadedConfig, loadConfig } from "../../../server/config.ts";
import { REPO } from "./run-entry.ts";

/** A fresh folder standing for the app (root), one for the shell (cwd), one for /etc/survey. */
function place() {
  const base = mkdtempSync(join(tmpdir(), "config-"));
  const folders: Folders = { root: join(base, "app"), cwd: join(base, "shell") };
  const etc = join(base, "etc");
  for (const dir of [folders.root, folders.cwd, etc]) mkdirSync(dir);
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    return path;
  };
  return { base, folders, etc, write };
}

function loaded(result: LoadedConfig) {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

function problem(result: LoadedConfig): string {
  if (result.ok) throw new Error("expected a refusal");
  return result.problem;
}

describe("which file", () => {
  it("--config, in either form, is read relative to the current directory", () => {
    const { folders, write } = place();
    const file = write(join(folders.cwd, "site.env"), "PORT=4001\n");
    for (const argv of [
      ["--config", "site.env"],
      ["--config=site.env"],
      ["link", "list", "--config", "site.env"],
    ]) {
      const got = loaded(loadConfig({}, argv, folders));
      expect(got.settingsFile).toBe(file);
      expect(got.config.port).toBe(4001);
    }
  });

  it("SURVEY_CONFIG names it when --config does not; --config wins over it", () => {
    const { folders, etc, write } = place();
    write(join(etc, "survey.env"), "PORT=4002\n");
    write(join(etc, "other.env"), "PORT=4003\n");
    const env = { SURVEY_CONFIG: join(etc, "survey.env") };
    expect(loaded(loadConfig(env, [], folders)).config.port).toBe(4002);
    expect(loaded(loadConfig(env, ["--config", join(etc, "other.env")], folders)).config.port).toBe(
      4003,
    );
  });

  it("else survey.env beside the database, as the environment names it or by default", () => {
    const { folders, etc, write } = place();
    const beside = write(join(etc, "survey.env"), "PORT=4004\n");
    const named = loaded(loadConfig({ DATABASE_PATH: join(etc, "s.db") }, [], folders));
    expect(named.settingsFile).toBe(beside);
    expect(named.config.port).toBe(4004);

    mkdirSync(join(folders.root, "data"));
    const byDefault = write(join(folders.root, "data", "survey.env"), "PORT=4005\n");
    const found = loaded(loadConfig({}, [], folders));
    expect(found.settingsFile).toBe(byDefault);
    expect(found.config.port).toBe(4005);
  });

  it("without any file: the environment and defaults, and says where it looked", () => {
    const { folders } = place();
    const got = loaded(loadConfig({ PORT: "4006" }, [], folders));
    expect(got.settingsFile).toBeNull();
    expect(got.lookedAt).toBe(join(folders.root, "data", "survey.env"));
    expect(got.config.port).toBe(4006);
    // A database path under a file: no settings file can be there either; the database step
    // (start-server.ts) names the real problem.
    const { etc, write } = place();
    write(join(etc, "a-file"), "not a folder");
    const under = loaded(loadConfig({ DATABASE_PATH: join(etc, "a-file", "s.db") }, [], folders));
    expect(under.settingsFile).toBeNull();
  });
});

describe("which value", () => {
  it("a real environment variable wins over the file; the file over the default", () => {
    const { folders, write } = place();
    write(
      join(folders.cwd, "s.env"),
      "# the office's settings\nPORT=4010\nHOST=127.0.0.1\nPUBLIC_URL='https://survey.example.org/'\n",
    );
    const got = loaded(loadConfig({ PORT: "4011" }, ["--config", "s.env"], folders)).config;
    expect(got.port).toBe(4011);
    expect(got.host).toBe("127.0.0.1");
    expect(got.publicUrl).toBe("https://survey.example.org");
    expect(got.timeZone).toBe("Asia/Shanghai");
  });

  it("reads systemd EnvironmentFile lines: comments, quotes, spaces, a repeated key's last value", () => {
    const { folders, write } = place();
    write(
      join(folders.cwd, "s.env"),
      '; old style comment\n\n  TRUST_PROXY = "10.0.0.2, 10.1.0.0/16"\nSURVEY_TIME_ZONE=UTC # why\nexport PORT=1\nPORT=4012\r\n',
    );
    const got = loaded(loadConfig({}, ["--config", "s.env"], folders)).config;
    expect(got.trustProxy).toEqual(["10.0.0.2", "10.1.0.0/16"]);
    expect(got.timeZone).toBe("UTC");
    expect(got.port).toBe(4012);
  });
});

describe("relative paths", () => {
  it("from the file: its folder; from the environment: the current directory; defaults: the app's folder", () => {
    const { folders, etc, write } = place();
    write(join(etc, "survey.env"), "DATABASE_PATH=db/survey.db\nSURVEYS_DIR=../forms\n");
    const fromFile = loaded(loadConfig({}, ["--config", join(etc, "survey.env")], folders)).config;
    expect(fromFile.databasePath).toBe(join(etc, "db", "survey.db"));
    expect(fromFile.surveysDir).toBe(join(etc, "..", "forms"));
    expect(fromFile.distDir).toBe(join(folders.root, "dist"));

    const fromEnv = loaded(loadConfig({ DATABASE_PATH: "here.db", DIST_DIR: "web" }, [], folders));
    expect(fromEnv.config.databasePath).toBe(join(folders.cwd, "here.db"));
    expect(fromEnv.config.distDir).toBe(join(folders.cwd, "web"));

    const defaults = loaded(loadConfig({}, [], folders)).config;
    expect(defaults.databasePath).toBe(join(folders.root, "data", "survey.db"));
    expect(defaults.surveysDir).toBe(join(folders.root, "surveys"));
  });

  it("a system composed from the file's settings opens its SQLite file beside the file", async () => {
    const { folders, etc, write } = place();
    write(
      join(etc, "survey.env"),
      `DATABASE_PATH=survey.db\nSURVEYS_DIR=${join(REPO, "surveys")}\n`,
    );
    const { config } = loaded(loadConfig({ SURVEY_CONFIG: join(etc, "survey.env") }, [], folders));
    const system = await composeSystem(config, { log: () => {} });
    try {
      expect(system.report.loaded.map((s) => s.surveyId)).toContain("political-ecology");
    } finally {
      await system.close();
    }
    expect(existsSync(join(etc, "survey.db"))).toBe(true);
    expect(existsSync(join(folders.cwd, "survey.db"))).toBe(false);
  });

  it("the app's folder is the nearest above the module holding package.json, not the shell's", () => {
    expect(appRoot()).toBe(REPO.replace(/\/$/, ""));
    const { base, write } = place();
    write(join(base, "app", "package.json"), "{}");
    mkdirSync(join(base, "app", "dist", "server"), { recursive: true });
    expect(findAppRoot(join(base, "app", "dist", "server"))).toBe(join(base, "app"));
  });
});

describe("refusals name the file (and the key or line)", () => {
  it("a key that is not a setting, with the nearest one it may have meant", () => {
    const { folders, write } = place();
    const file = write(join(folders.cwd, "s.env"), "PORT=4020\nPROT=4021\n");
    expect(problem(loadConfig({}, ["--config", "s.env"], folders))).toBe(
      `${file} line 2: PROT is not a setting (did you mean PORT?)`,
    );
    write(file, "ADMIN_PASSWORD=secret\n");
    expect(problem(loadConfig({}, ["--config", "s.env"], folders))).toBe(
      `${file} line 1: ADMIN_PASSWORD is not a setting (README: Settings lists them)`,
    );
  });

  it("an unknown key in survey.env beside the database is refused too", () => {
    const { folders, etc, write } = place();
    const file = write(join(etc, "survey.env"), "SURVEYS_DIRS=forms\n");
    expect(problem(loadConfig({ DATABASE_PATH: join(etc, "s.db") }, [], folders))).toBe(
      `${file} line 1: SURVEYS_DIRS is not a setting (did you mean SURVEYS_DIR?)`,
    );
  });

  it("a line that is not KEY=VALUE, or a quote left open", () => {
    const { folders, write } = place();
    const file = write(join(folders.cwd, "s.env"), "PORT=4030\nHOST 127.0.0.1\n");
    expect(problem(loadConfig({}, ["--config", "s.env"], folders))).toBe(
      `${file} line 2 is not KEY=VALUE (e.g. PORT=8080)`,
    );
    write(file, 'PUBLIC_URL="https://x.example\n"\n');
    expect(problem(loadConfig({}, ["--config", "s.env"], folders))).toMatch(
      /line 1 is not KEY=VALUE/,
    );
  });

  it("a named file that does not exist or is a folder; --config without a file", () => {
    const { folders, etc } = place();
    expect(problem(loadConfig({}, ["--config", "nope.env"], folders))).toBe(
      `settings file ${join(folders.cwd, "nope.env")} does not exist (named by --config)`,
    );
    expect(problem(loadConfig({ SURVEY_CONFIG: join(etc, "x.env") }, [], folders))).toBe(
      `settings file ${join(etc, "x.env")} does not exist (named by SURVEY_CONFIG)`,
    );
    expect(problem(loadConfig({}, ["--config", etc], folders))).toBe(
      `settings file ${etc} cannot be read (it is a folder)`,
    );
    expect(problem(loadConfig({}, ["link", "list", "--config"], folders))).toMatch(
      /^--config needs a file/,
    );
  });
});
