// The offline release as an intranet machine gets it: `npm run release` makes one archive; it is
// extracted into an empty folder and run with no registry, no compiler and no node_modules
// outside it, then fills a response. Upgrading a database the previous release made, and refusing
// one a newer release made, are checked on the same extracted copy.
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { latestSchemaVersion } from "../../server/storage/open-database.ts";
import { type ChildServer, freePort, startChildCommand } from "../support/child-server.ts";
import { readLinks } from "../support/cli-links.ts";
import { createSubmissionMaker, loadTargets } from "../support/unique-submissions.ts";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "survey-release-"));
/** The database of the previous release (0.1.0, schema 6): how it was made is in its README. */
const PREVIOUS = "tests/fixtures/upgrade/survey-0.1.0.db";
let archive: string;
let top: string;
let offline: Record<string, string>;
const servers: ChildServer[] = [];

beforeAll(async () => {
  const made = await run(process.execPath, [
    "server/deploy/make-release.mjs",
    "--out",
    join(work, "out"),
  ]);
  archive = made.stdout.match(/(\S+\.tar\.gz)/)![1]!;
  archive = join(work, "out", parse(archive).base);
  const extracted = join(work, "opt");
  mkdirSync(extracted);
  execFileSync("tar", ["-xzf", archive, "-C", extracted]);
  top = join(extracted, parse(parse(archive).name).name);
  // What an intranet machine has: a closed registry, an empty home (no npm cache), no NODE_PATH,
  // only the system's binaries on PATH.
  offline = {
    npm_config_registry: `http://127.0.0.1:${await freePort()}/`,
    npm_config_offline: "true",
    HOME: join(work, "home"),
    NODE_PATH: "",
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
  };
}, 180_000);

afterAll(async () => {
  for (const server of servers.splice(0)) await server.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

/** Runs bin/survey from another folder, as a service or an operator's shell would. */
function survey(args: string[], env: Record<string, string>) {
  return run(join(top, "bin/survey"), args, {
    cwd: "/",
    env: { ...process.env, ...offline, ...env },
  })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }));
}

async function startRelease(databasePath: string) {
  const server = await startChildCommand(
    [join(top, "bin/survey"), "start"],
    {
      ...offline,
      DATABASE_PATH: databasePath,
    },
    { keepOutput: true, cwd: "/" },
  );
  servers.push(server);
  return server;
}

test("the archive holds the build, production packages, the launcher and the deploy files", () => {
  for (const path of [
    "bin/survey",
    "dist/server/main.js",
    "dist/server/cli/main.js",
    "dist/.vite/manifest.json",
    "dist/server/storage/migrations/0001_init.sql",
    "node_modules/better-sqlite3/build/Release/better_sqlite3.node",
    "node_modules/hono/package.json",
    "surveys/political-ecology.json",
    "deploy/systemd/survey.service",
    "deploy/systemd/survey-backup.timer",
    "deploy/nginx/survey.conf",
  ])
    expect(existsSync(join(top, path)), path).toBe(true);
  // No dev tool, no TypeScript source, no C sources of SQLite.
  for (const path of [
    "node_modules/tsx",
    "node_modules/vite",
    "node_modules/vitest",
    "node_modules/typescript",
    "node_modules/esbuild",
    "node_modules/better-sqlite3/deps",
    "server",
    "tests",
  ])
    expect(existsSync(join(top, path)), path).toBe(false);
  const mb = statSync(archive).size / 1024 / 1024;
  console.log(`release archive: ${parse(archive).base} ${mb.toFixed(1)} MB`);
  expect(mb).toBeLessThan(30);
});

test("extracted into an empty folder, started offline from elsewhere, it serves and stores a response", async () => {
  // Node would find packages in any node_modules above the folder: there must be none.
  for (let dir = dirname(top); dir !== parse(dir).root; dir = dirname(dir))
    expect(existsSync(join(dir, "node_modules")), `${dir}/node_modules`).toBe(false);
  expect(existsSync("/node_modules")).toBe(false);

  const db = join(work, "data", "survey.db");
  const checked = await survey(["check"], { DATABASE_PATH: db });
  expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  expect(checked.stdout).toContain("native module loads");
  // Left at its default, the database would sit inside this release and be left behind by the next.
  const inside = await survey(["check"], {});
  expect(inside.code, inside.stderr).toBe(0);
  expect(inside.stdout).toMatch(/⚠ database \S+\/data\/survey\.db is inside this release's folder/);

  const server = await startRelease(db);
  // Its own surveys and pages, not the repository's (cwd is /, no SURVEYS_DIR or DIST_DIR).
  expect(server.output()).toContain(`${parse(top).base}/surveys/political-ecology.json)`);
  const page = await fetch(`${server.url}/s/${readLinks(db)[0]!.id}`);
  expect(page.status).toBe(200);
  const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script).toBeDefined();
  expect((await fetch(`${server.url}${script}`)).status).toBe(200);

  const targets = await loadTargets(server.url, readLinks(db));
  const sent = createSubmissionMaker(targets, 5).make(0);
  const answer = await fetch(`${server.url}${sent.path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: sent.body,
  });
  expect(answer.status, await answer.clone().text()).toBe(201);
  await server.stop();
  const file = new Database(db, { readonly: true });
  expect(file.prepare("SELECT count(*) FROM responses").pluck().get()).toBe(1);
  file.close();
}, 60_000);

test("upgrade: a database from the previous release is backed up, migrated, and served", async () => {
  const db = join(work, "previous", "survey.db");
  mkdirSync(dirname(db));
  copyFileSync(PREVIOUS, db);
  const before = new Database(db, { readonly: true });
  const rows = before.prepare("SELECT count(*) FROM responses").pluck().get();
  const fromSchema = before.pragma("user_version", { simple: true });
  before.close();
  expect(fromSchema).toBeLessThan(latestSchemaVersion());

  const upgraded = await survey(["upgrade"], { DATABASE_PATH: db, PORT: String(await freePort()) });
  expect(upgraded.code, upgraded.stdout + upgraded.stderr).toBe(0);
  const backup = upgraded.stdout.match(/backup before upgrading: (\S+)/)?.[1];
  expect(backup).toBeDefined();
  expect(statSync(backup!).mode & 0o777).toBe(0o600);
  const kept = new Database(backup!, { readonly: true });
  expect(kept.pragma("user_version", { simple: true })).toBe(fromSchema);
  expect(kept.prepare("SELECT count(*) FROM responses").pluck().get()).toBe(rows);
  kept.close();
  const after = new Database(db, { readonly: true });
  expect(after.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
  expect(after.prepare("SELECT count(*) FROM responses").pluck().get()).toBe(rows);
  expect(after.pragma("integrity_check", { simple: true })).toBe("ok");
  after.close();

  // The previous release's account signs in with its password, and its links still answer.
  const server = await startRelease(db);
  const signedIn = await fetch(`${server.url}/api/admin/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({ username: "office", password: "previous-release-pw-2026" }),
  });
  expect(signedIn.status, await signedIn.clone().text()).toBe(200);
  for (const link of readLinks(db))
    expect((await fetch(`${server.url}/api/links/${link.id}/survey`)).status).toBe(200);
}, 60_000);

test("a database written by a newer release is refused at start and left as it was", async () => {
  const db = join(work, "newer", "survey.db");
  mkdirSync(dirname(db));
  copyFileSync(PREVIOUS, db);
  const file = new Database(db);
  file.pragma(`user_version = ${latestSchemaVersion() + 1}`);
  file.close();
  const before = execFileSync("sha256sum", [db], { encoding: "utf8" });

  const started = await survey(["start"], { DATABASE_PATH: db, PORT: String(await freePort()) });
  expect(started.code).toBe(1);
  expect(started.stderr).toMatch(/Cannot start: .*update the program/);
  const upgraded = await survey(["upgrade"], { DATABASE_PATH: db });
  expect(upgraded.code).toBe(1);
  expect(upgraded.stderr).toMatch(/newer than this release/);
  expect(execFileSync("sha256sum", [db], { encoding: "utf8" })).toBe(before);
  expect(existsSync(join(dirname(db), "backups"))).toBe(false);
}, 30_000);
