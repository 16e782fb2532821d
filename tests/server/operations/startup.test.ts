// Configuration errors stop `npm start` with one line that says what to change, and exit 1.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { latestSchemaVersion, openDatabase } from "../../../server/storage/open-database.ts";
import { freePort } from "../../support/child-server.ts";
import {
  doctorDatabase,
  fileHash,
  INSIDER_PROBLEM,
  INSIDER_RECORDER,
} from "../../support/schema-doctor.ts";

interface Refusal {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs server/main.ts as `npm start` does and waits for it to exit on its own. */
function startExpectingRefusal(env: Record<string, string>): Promise<Refusal> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", DIST_DIR: resolve("dist"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // A start that wrongly succeeds would run forever: stop it so the test fails instead of hangs.
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((done) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    }),
  );
}

function expectOneLine(refusal: Refusal, pattern: RegExp) {
  expect(refusal.code).toBe(1);
  const lines = refusal.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start: /);
  expect(lines[0]).toMatch(pattern);
  expect(refusal.stdout).not.toContain("Listening on");
}

const dir = mkdtempSync(join(tmpdir(), "startup-"));
const blocker = createServer();
let busyPort = 0;
beforeAll(async () => {
  busyPort = await freePort();
  await new Promise<void>((done) => blocker.listen(busyPort, "127.0.0.1", done));
});
afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

it("a port in use: names the port and what to do", { timeout: 30_000 }, async () => {
  const refusal = await startExpectingRefusal({
    PORT: String(busyPort),
    DATABASE_PATH: join(dir, "busy.db"),
  });
  expectOneLine(refusal, new RegExp(`port ${busyPort} is already in use.*set PORT`));
  // No demo link was made for a server that never listened.
  const db = new Database(join(dir, "busy.db"), { readonly: true });
  expect(db.prepare("SELECT count(*) AS n FROM links").get()).toEqual({ n: 0 });
  db.close();
});

it("an unwritable data folder: names the path and the reason", { timeout: 30_000 }, async () => {
  writeFileSync(join(dir, "a-file"), "not a folder");
  // Root ignores permission bits, so CI uses places no one can create a database in.
  const underAFile = await startExpectingRefusal({
    PORT: "0",
    DATABASE_PATH: join(dir, "a-file", "survey.db"),
  });
  expectOneLine(underAFile, /a-file\/survey\.db cannot be used \(part of the path is a file/);
  const inProc = await startExpectingRefusal({ PORT: "0", DATABASE_PATH: "/proc/survey.db" });
  expectOneLine(inProc, /\/proc\/survey\.db cannot be used \(.+\); set DATABASE_PATH/);
});

it("a bad survey file: names the file and the field, and registers nothing", {
  timeout: 30_000,
}, async () => {
  const surveys = join(dir, "surveys");
  mkdirSync(surveys);
  copyFileSync(resolve("surveys/political-ecology.json"), join(surveys, "good.json"));
  writeFileSync(join(surveys, "broken.json"), JSON.stringify({ id: "broken", title: "坏问卷" }));
  const dbPath = join(dir, "surveys.db");
  const refusal = await startExpectingRefusal({
    PORT: "0",
    SURVEYS_DIR: surveys,
    DATABASE_PATH: dbPath,
  });
  expectOneLine(refusal, /broken\.json: sections: /);
  const db = new Database(dbPath, { readonly: true });
  expect(db.prepare("SELECT count(*) AS n FROM survey_versions").get()).toEqual({ n: 0 });
  expect(db.prepare("SELECT count(*) AS n FROM links").get()).toEqual({ n: 0 });
  db.close();
});

it("settings that cannot work: PORT, time zone, public URL", { timeout: 30_000 }, async () => {
  const db = join(dir, "settings.db");
  expectOneLine(
    await startExpectingRefusal({ PORT: "eighty", DATABASE_PATH: db }),
    /PORT must be a whole number/,
  );
  expectOneLine(
    await startExpectingRefusal({ PORT: "0", SURVEY_TIME_ZONE: "Mars/Olympus", DATABASE_PATH: db }),
    /SURVEY_TIME_ZONE "Mars\/Olympus" is not a time zone/,
  );
  expectOneLine(
    await startExpectingRefusal({ PORT: "0", PUBLIC_URL: "survey.example", DATABASE_PATH: db }),
    /PUBLIC_URL "survey\.example" must be the address phones open, without a path.*e.g. https:/,
  );
});

it("a database whose schema the migrations did not make: names the first object, writes nothing", {
  timeout: 30_000,
}, async () => {
  const doctored = join(dir, "doctored.db");
  openDatabase(doctored).close();
  doctorDatabase(doctored, INSIDER_RECORDER);
  const before = fileHash(doctored);
  const refusal = await startExpectingRefusal({ PORT: "0", DATABASE_PATH: doctored });
  expectOneLine(refusal, /copy_codes/);
  expect(refusal.stderr).toBe(
    `Cannot start: the database ${doctored} ${INSIDER_PROBLEM}; restore a clean backup (README: Backup and restore)\n`,
  );
  expect(fileHash(doctored)).toBe(before);

  const newer = join(dir, "newer.db");
  openDatabase(newer).close();
  const latest = latestSchemaVersion();
  doctorDatabase(newer, `PRAGMA user_version = ${latest + 1}`);
  const newerBytes = fileHash(newer);
  expectOneLine(
    await startExpectingRefusal({ PORT: "0", DATABASE_PATH: newer }),
    new RegExp(
      `the database ${newer} has schema version ${latest + 1}, newer than this program's ${latest}; update the program$`,
    ),
  );
  expect(fileHash(newer)).toBe(newerBytes);
});
