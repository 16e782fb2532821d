// `backup` while phones keep submitting, and `restore` onto a stopped server: nothing acknowledged
// before the backup is lost, and a refused restore leaves the live database as it was.
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { responseIdFor } from "../../../server/ballot-box/response-ids.ts";
import { openDatabase } from "../../../server/storage/open-database.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startChildServer } from "../../support/child-server.ts";
import { freshDatabase } from "../../support/fresh-database.ts";
import { integrityCheck, waitForAnswersCaughtUp } from "../../support/stored-check.ts";
import {
  linkVersion,
  missingResponses,
  runCli,
  type Submissions,
  startSubmissions,
} from "../../support/submission-loop.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";

/** What was stored for the responses with these submission ids, from the file at `path`. */
function storedRows(path: string, submissionIds: string[]) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // Every column but the release day, which moves on when a cohort is released after the copy.
    const row = db.prepare(
      "SELECT id, survey_version_id, channel_id, category, answers FROM responses WHERE id = ?",
    );
    return submissionIds.map((s) => row.get(responseIdFor(s)));
  } finally {
    db.close();
  }
}

async function health(url: string) {
  const json: unknown = await (await fetch(`${url}/healthz`)).json();
  if (typeof json !== "object" || json === null || !("database" in json))
    throw new Error(`unexpected /healthz: ${JSON.stringify(json)}`);
  return { database: json.database };
}

/** Responses stored in the file, released or waiting: read as the operator can (/healthz tells no count). */
function storedCount(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare("SELECT count(*) FROM responses").pluck().get());
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((done) => setTimeout(done, 50));
  }
}

const leftovers = (dir: string) =>
  readdirSync(dir).filter((f) => /before-restore|restore-|partial/.test(f));

it("backs up a server under load with every response acknowledged before it began; restore brings exactly that copy back", async () => {
  const { dir, db, env } = freshDatabase("backup-");
  const copy = join(dir, "copy.db");
  const server = await startChildServer("server/main.ts", env);
  let load: Submissions | undefined;
  let acked: string[] = [];
  let before: string[] = [];
  let copyCount = 0;
  try {
    const linkId = (await server.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1]!;
    load = startSubmissions(server.url, linkId, await linkVersion(server.url, linkId), 16);
    const submissions = load;
    await until(() => submissions.acked.length >= 150);

    before = load.acked.slice();
    const backup = await runCli(["backup", copy], env);
    expect(backup.code, backup.stderr).toBe(0);
    const line = backup.stdout.match(
      /^backup written: (.+) \([\d.]+ [KM]B, (\d+) responses, integrity ok, [\d.]+ s\)\n$/,
    );
    expect(line?.[1]).toBe(copy);
    copyCount = Number(line?.[2]);

    // While the server runs, restore refuses and touches nothing: the server keeps its WAL file
    // and goes on acknowledging submissions into the same database.
    const refused = await runCli(["restore", copy], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^✗ restore failed: .*survey\.db is in use: stop the server/);
    expect(leftovers(dir)).toEqual([]);
    const afterRefusal = load.acked.length;
    await until(() => submissions.acked.length > afterRefusal + 20);
    expect((await health(server.url)).database).toEqual({ status: "ok", journalMode: "wal" });

    // A backup is one long read. When submissions pause during one, the server must not keep
    // the log (in submission order) on disk once it ends, nor wait for it meanwhile.
    const reader = new Database(db, { readonly: true, fileMustExist: true });
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM responses").get();
    await load.stop();
    await waitForAnswersCaughtUp(db);
    reader.exec("COMMIT");
    reader.close();
    await until(() => statSync(`${db}-wal`).size === 0);
    acked = load.acked;
    expect(load.failures()).toBe(0);
    expect(server.problems().serverErrors).toBe(0);
  } finally {
    await load?.stop();
    await server.stop();
  }
  expect(missingResponses(db, acked)).toEqual([]);

  // The copy is sound and holds, column for column, what the server stored for each of them.
  expect(integrityCheck(copy)).toBe("ok");
  expect(before.length).toBeGreaterThanOrEqual(150);
  expect(missingResponses(copy, before)).toEqual([]);
  expect(storedRows(copy, before)).toEqual(storedRows(db, before));
  expect(copyCount).toBeGreaterThanOrEqual(before.length);
  expect(copyCount).toBeLessThan(acked.length);

  const restored = await runCli(["restore", copy], env);
  expect(restored.code, restored.stderr).toBe(0);
  const kept = restored.stdout.match(
    new RegExp(
      `^restored ${copy} to ${db} \\(${copyCount} responses, integrity ok, [\\d.]+ s\\); the previous database is kept as (${db}\\.before-restore-\\d{8}T\\d{6}Z)\\n$`,
    ),
  )?.[1];
  expect(kept, restored.stdout).toBeDefined();
  // The old database is whole on its own (its WAL was folded in), and no stale WAL is left live.
  expect(missingResponses(kept ?? "", acked)).toEqual([]);
  expect(readdirSync(dir).filter((f) => /^survey\.db-(wal|shm)$/.test(f))).toEqual([]);

  const again = await startChildServer("server/main.ts", env);
  try {
    expect(storedCount(db)).toBe(copyCount);
    const linkId = (await again.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1]!;
    const submitted = await postJson(`${again.url}/api/links/${linkId}/responses`, {
      submissionId: newSubmissionId(),
      version: await linkVersion(again.url, linkId),
      ...fullAnswers(loadSeedSurvey()),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(storedCount(db)).toBe(copyCount + 1);
  } finally {
    await again.stop();
  }
}, 90_000);

it("backup refuses to overwrite a file without --force, a missing database and a missing directory, in one line each", async () => {
  const { dir, db, env } = freshDatabase("backup-");
  openDatabase(db).close();
  const target = join(dir, "notes.txt");
  writeFileSync(target, "someone's notes");

  const refused = await runCli(["backup", target], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe(
    `✗ backup failed: ${target} already exists; choose a new name, or add --force to replace it\n`,
  );
  expect(readFileSync(target, "utf8")).toBe("someone's notes");

  const forced = await runCli(["backup", target, "--force"], env);
  expect(forced.code, forced.stderr).toBe(0);
  expect(forced.stdout).toMatch(/^backup written: .*, 0 responses, integrity ok, [\d.]+ s\)\n$/);
  expect(integrityCheck(target)).toBe("ok");

  const nowhere = join(dir, "none", "survey.db");
  const noSource = await runCli(["backup", join(dir, "b.db")], { ...env, DATABASE_PATH: nowhere });
  expect(noSource.code).toBe(1);
  expect(noSource.stderr).toBe(
    `✗ backup failed: no database at ${nowhere} (check DATABASE_PATH)\n`,
  );
  // Reading never creates: no empty database appears where there was none.
  expect(existsSync(nowhere)).toBe(false);

  const noDir = await runCli(["backup", join(dir, "missing", "b.db")], env);
  expect(noDir.code).toBe(1);
  expect(noDir.stderr).toMatch(/^✗ backup failed: no directory .*missing for .*b\.db\n$/);
});

it("restore refuses a file that is not a database, a damaged one and someone else's, leaving the live database as it was; a sound one restores where there was none", async () => {
  const { dir, db, env } = freshDatabase("backup-");
  openDatabase(db).close();
  const liveBytes = readFileSync(db);

  const text = join(dir, "export.csv");
  writeFileSync(text, "id,answer\n1,好\n");
  const damaged = join(dir, "damaged.db");
  writeFileSync(damaged, liveBytes);
  const pageSize = 4096;
  const fd = openSync(damaged, "r+");
  writeSync(
    fd,
    Buffer.alloc(pageSize, 0x5a),
    0,
    pageSize,
    Math.floor(statSync(damaged).size / pageSize / 2) * pageSize,
  );
  closeSync(fd);
  const foreign = join(dir, "other-app.db");
  const other = new Database(foreign);
  other.exec("CREATE TABLE notes (body TEXT NOT NULL)");
  other.close();

  const reasons = [
    [text, /export\.csv is not an SQLite database/],
    [damaged, /damaged\.db fails the integrity check/],
    [foreign, /other-app\.db is not a survey database/],
  ] as const;
  for (const [file, reason] of reasons) {
    const refused = await runCli(["restore", file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^✗ restore failed: ${dir}/${reason.source}.*\\n$`));
    expect(refused.stdout).toBe("");
  }
  expect(readFileSync(db).equals(liveBytes)).toBe(true);
  expect(leftovers(dir)).toEqual([]);

  // A sound one restores onto a new machine, where there is no database yet.
  const elsewhere = join(dir, "new-machine", "survey.db");
  const fresh = await runCli(["restore", db], { ...env, DATABASE_PATH: elsewhere });
  expect(fresh.code, fresh.stderr).toBe(0);
  expect(fresh.stdout).toMatch(
    /\(0 responses, integrity ok, .*; there was no previous database\n$/,
  );
  expect(readFileSync(elsewhere).equals(liveBytes)).toBe(true);
});
