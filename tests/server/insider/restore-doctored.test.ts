// Attack 7: restore accepted a doctored database. A backup with an added table and three triggers
// passed restore (integrity_check said "ok"); after a restart the triggers recorded each used
// code and each new response id with the same timestamp, linking a slip to its answers. Start,
// restore and backup now refuse any schema that is not exactly what the migrations make.
import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { readConfig } from "../../../server/config.ts";
import { startServer } from "../../../server/start-server.ts";
import { openDatabase } from "../../../server/storage/open-database.ts";
import { freshDatabase } from "../../support/fresh-database.ts";
import {
  doctorDatabase,
  fileHash,
  INSIDER_PROBLEM,
  INSIDER_RECORDER,
} from "../../support/schema-doctor.ts";
import { integrityCheck } from "../../support/stored-check.ts";
import { runCli } from "../../support/submission-loop.ts";

/** Files a refused command might leave: a set-aside database, a half-made copy. */
const leftovers = (dir: string) =>
  readdirSync(dir).filter((f) => /before-restore|restore-|partial/.test(f));

it("the insider's attack: a backup doctored with a table and three triggers is refused by restore, by start and by backup, and nothing changes", async () => {
  const { dir, db, env } = freshDatabase("insider-restore-");
  openDatabase(db).close();
  const clean = join(dir, "clean.db");
  const doctored = join(dir, "doctored.db");
  for (const target of [clean, doctored])
    expect((await runCli(["backup", target], env)).code).toBe(0);
  doctorDatabase(doctored, INSIDER_RECORDER);
  // SQLite itself finds nothing wrong with it.
  expect(integrityCheck(doctored)).toBe("ok");
  const live = fileHash(db);

  const restore = await runCli(["restore", doctored], env);
  expect(restore.code).toBe(1);
  expect(restore.stderr).toBe(`✗ restore failed: ${doctored} ${INSIDER_PROBLEM}\n`);
  expect(restore.stdout).toBe("");
  expect(fileHash(db)).toBe(live);
  expect(leftovers(dir)).toEqual([]);

  // Copied over the live file by hand instead: the server refuses to start on it and writes nothing.
  copyFileSync(doctored, db);
  const placed = fileHash(db);
  const config = readConfig({ ...env, PORT: "0", HOST: "127.0.0.1" });
  const said: string[] = [];
  const started = await startServer(config, (line) => said.push(line));
  expect(started).toEqual({
    ok: false,
    problem: `the database ${db} ${INSIDER_PROBLEM}; restore a clean backup (README: Backup and restore)`,
  });
  expect(said).toEqual([]);
  expect(fileHash(db)).toBe(placed);

  // Nor is it copied on as a backup.
  const target = join(dir, "nightly.db");
  const backup = await runCli(["backup", target], env);
  expect(backup.code).toBe(1);
  expect(backup.stderr).toBe(
    `✗ backup failed: the live database ${db} ${INSIDER_PROBLEM}; nothing was copied\n`,
  );
  expect(existsSync(target)).toBe(false);
  expect(leftovers(dir)).toEqual([]);
  expect(fileHash(db)).toBe(placed);

  // What the refusal says to do works: a clean backup restores over it, and the database opens.
  const restored = await runCli(["restore", clean], env);
  expect(restored.code, restored.stderr).toBe(0);
  openDatabase(db).close();
}, 30_000);
