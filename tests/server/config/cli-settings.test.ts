// The CLI reads the server's settings (file and environment) for its printed URLs, and shows a
// link by what a respondent gets now: "not yet open" with its time in SURVEY_TIME_ZONE.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./run-entry.ts";

/** A database folder with survey.env beside it, and a shell folder that is neither it nor the app. */
function office(settings: string) {
  const base = mkdtempSync(join(tmpdir(), "cli-settings-"));
  const data = join(base, "data");
  const shell = join(base, "shell");
  mkdirSync(data);
  mkdirSync(shell);
  const file = join(data, "survey.env");
  writeFileSync(file, settings);
  return { file, shell, db: join(data, "survey.db") };
}

const LINK_URL = /^\s*(\S+)\/s\/[A-Za-z0-9_-]{21}$/m;

it("link create and link list print PORT and HOST from the settings file; the environment wins", () => {
  const { file, shell } = office("HOST=127.0.0.1\nPORT=4123\nDATABASE_PATH=survey.db\n");
  const created = runCli(["link", "create", "--label", "乡镇党委", "--config", file], {}, shell);
  expect(created.stderr).toBe("");
  expect(created.stdout).toMatch(/^http:\/\/127\.0\.0\.1:4123\/s\/[A-Za-z0-9_-]{21}\n$/);
  const listed = runCli(["link", "list", "--config", file], {}, shell);
  expect(listed.stdout).toContain(created.stdout.trim());
  const overridden = runCli(["link", "list", "--config", file], { PORT: "4999" }, shell);
  expect(LINK_URL.exec(overridden.stdout)?.[1]).toBe("http://127.0.0.1:4999");
});

it("finds survey.env beside the database without --config, and PUBLIC_URL in it wins", () => {
  const { shell, db } = office("PUBLIC_URL=https://survey.example.gov.cn/\nPORT=4124\n");
  const created = runCli(["link", "create", "--label", "县直单位"], { DATABASE_PATH: db }, shell);
  expect(created.stdout).toMatch(/^https:\/\/survey\.example\.gov\.cn\/s\/[A-Za-z0-9_-]{21}\n$/);
  const listed = runCli(["link", "list"], { DATABASE_PATH: db }, shell);
  expect(LINK_URL.exec(listed.stdout)?.[1]).toBe("https://survey.example.gov.cn");
});

it("a typo in the settings file stops the CLI too, naming file and key", () => {
  const { file, shell } = office("PUBLIC_ULR=https://survey.example.gov.cn\n");
  const refused = runCli(["link", "list", "--config", file], {}, shell);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toBe(
    `✗ ${file} line 1: PUBLIC_ULR is not a setting (did you mean PUBLIC_URL?)\n`,
  );
});

it("a link opening later is 'not yet open' with its time in SURVEY_TIME_ZONE; a past close is 'ended'", () => {
  const { file, shell } = office("SURVEY_TIME_ZONE=Asia/Shanghai\nDATABASE_PATH=survey.db\n");
  const cli = (...args: string[]) => runCli([...args, "--config", file], {}, shell);
  const later = cli("link", "create", "--label", "下月渠道", "--opens", "2099-12-03T00:00Z");
  expect(later.status).toBe(0);
  // The URL alone on stdout (scripts capture it); the warning on stderr.
  expect(later.stdout).toMatch(/^http:\/\/\S+\/s\/[A-Za-z0-9_-]{21}\n$/);
  expect(later.stderr).toBe("⚠ not yet open: opens 2099-12-03 08:00 Asia/Shanghai\n");
  const over = cli("link", "create", "--label", "上月渠道", "--closes", "2020-01-31T10:00Z");
  expect(over.stderr).toBe("⚠ ended: closed at 2020-01-31 18:00 Asia/Shanghai\n");
  cli("link", "create", "--label", "现在渠道");

  const listed = cli("link", "list").stdout;
  expect(listed).toMatch(
    /^not yet open +0 released {2}下月渠道 {2}\(opens 2099-12-03 08:00 Asia\/Shanghai\)$/m,
  );
  expect(listed).toMatch(
    /^ended +0 released {2}上月渠道 {2}\(closed at 2020-01-31 18:00 Asia\/Shanghai\)$/m,
  );
  expect(listed).toMatch(/^open +0 released {2}现在渠道$/m);
  // The zone is the survey's, not the terminal's: the same link in UTC.
  const utc = runCli(["link", "list", "--config", file], { SURVEY_TIME_ZONE: "UTC" }, shell);
  expect(utc.stdout).toContain("(opens 2099-12-03 00:00 UTC)");
});
