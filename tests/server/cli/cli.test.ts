// The CLI an office uses before the console exists: create and list links, check survey files.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const env = {
  ...process.env,
  DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "cli-")), "s.db"),
  PUBLIC_URL: "https://survey.example.org",
};
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], {
    env,
    encoding: "utf8",
  });

it("creates a link with a category given by name, and lists it with its returns", () => {
  const created = cli(
    "link",
    "create",
    "--survey",
    "political-ecology",
    "--label",
    "乡镇党委",
    "--category",
    "村（社区）干部",
    "--cap",
    "200",
  );
  expect(created.status).toBe(0);
  const url = created.stdout.trim();
  expect(url).toMatch(/^https:\/\/survey\.example\.org\/s\/[A-Za-z0-9_-]{21}$/);
  const listed = cli("link", "list");
  expect(listed.stdout).toContain(url);
  expect(listed.stdout).toMatch(/open\s+0 \/ 200 released {2}乡镇党委 category=I/);
  const paused = cli("link", "pause", url.split("/s/")[1] ?? "");
  expect(paused.stdout, paused.stderr).toContain("link paused");
});

it("refuses a bad flag with a message naming it, and creates nothing", () => {
  const before = cli("link", "list").stdout;
  const bad = cli("link", "create", "--label", "x", "--cap", "0");
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--cap: 上限必须是 ≥ 1 的整数");
  expect(cli("link", "list").stdout).toBe(before);
});

it("survey check reports the file, path and reason, with a failing exit code", () => {
  const dir = mkdtempSync(join(tmpdir(), "check-"));
  const file = join(dir, "x.json");
  execFileSync("node", [
    "-e",
    `require("fs").writeFileSync(${JSON.stringify(file)}, JSON.stringify({id:"x",title:"t",sections:[{code:"S",title:"s",questions:[{code:"Q1",kind:"single",text:"?",required:true,category:true,options:[{code:"A",label:"a"},{code:"A",label:"b"}]}]}]}))`,
  ]);
  const checked = cli("survey", "check", file);
  expect(checked.status).toBe(1);
  expect(checked.stderr).toContain('sections[0].questions[0].options[1].code: duplicate code "A"');
  expect(cli("survey", "check").stdout).toContain(
    "surveys/political-ecology.json: political-ecology, 28 questions",
  );
});

it("creates console accounts without a browser, reading the password from stdin, and API tokens", () => {
  const run = (input: string, ...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], {
      env,
      encoding: "utf8",
      input,
    });
  const made = run(
    "a long passphrase\n",
    "admin",
    "create",
    "--username",
    "Chief",
    "--role",
    "admin",
  );
  expect(made.stderr).toBe("");
  expect(made.stdout).toContain("created admin chief");
  expect(run("short\n", "admin", "create", "--username", "weak").stderr).toContain(
    "至少 10 个字符",
  );
  expect(run("a long passphrase\n", "admin", "create", "--username", "chief").stderr).toContain(
    "taken",
  );
  expect(cli("admin", "list").stdout).toMatch(/admin\s+chief/);
  const token = cli("admin", "token", "--username", "chief", "--label", "脚本");
  expect(token.stdout.trim()).toMatch(/^sv_[A-Za-z0-9_-]{43}$/);
});
