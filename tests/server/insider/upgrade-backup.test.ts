// the automatic backup before a migration undoes what a privacy migration
// removes. Migration 0006 drops each response's channel *label* (a link renamed again and again
// stamped times on responses: attack 2 of tests/server/insider/) and cuts the audit log to minutes
// without "n=" counts (a timeline of how many answered when), zeroing the old bytes. `upgrade`
// (and every start) of a schema-5 database first copies it, exactly as it was, to
// backups/survey-schema5-before-upgrade-<day>.db: 0600, but kept for ever (--keep never prunes it),
// silently, on the same disk as the live file the migration just scrubbed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { migrate } from "../../../server/storage/open-database.ts";
import { freePort } from "../../support/child-server.ts";
import { freshDatabase } from "../../support/fresh-database.ts";
import { runCli } from "../../support/submission-loop.ts";

/** What a renamed link wrote into each response before 0006: a time of day per response. */
const STAMPS = ["教师 09:14", "教师 09:31", "教师 10:02", "教师 14:47", "教师 16:05"];

function schema5Database(path: string): void {
  const db = new Database(path);
  migrate(db, 5);
  db.prepare(
    "INSERT INTO survey_versions (id, survey_id, version, content_hash, definition, created_on) VALUES (1, 'mini', 1, 'h', '{}', '2026-11-01')",
  ).run();
  db.prepare("INSERT INTO surveys (id, current_version_id) VALUES ('mini', 1)").run();
  const respond = db.prepare(
    "INSERT INTO responses (id, survey_version_id, channel, category, submitted_on, answers) VALUES (?, 1, ?, 'A', '2026-11-20', '[]')",
  );
  for (const [i, label] of STAMPS.entries()) respond.run(`r${i}`, label);
  db.prepare(
    "INSERT INTO audit_log (at, actor, action, detail) VALUES ('2026-11-20T14:47:31.204Z', 'chief', 'results', 'mini n=17')",
  ).run();
  db.close();
}

it("no file the upgrade leaves behind keeps what migration 0006 scrubbed", async () => {
  const { dir, db } = freshDatabase("upgrade-backup-");
  schema5Database(db);

  const upgraded = await runCli(["upgrade"], { DATABASE_PATH: db, PORT: String(await freePort()) });
  expect(upgraded.code, upgraded.stderr).toBe(0);

  // The live file is scrubbed, as 0006 intends.
  const live = readFileSync(db);
  expect(live.includes(Buffer.from("09:14"))).toBe(false);
  expect(live.includes(Buffer.from("n=17"))).toBe(false);

  // Every file beside it must be too: today the before-upgrade copy holds all five stamps and the
  // millisecond audit line with its count.
  const backups = join(dir, "backups");
  for (const name of readdirSync(backups)) {
    const bytes = readFileSync(join(backups, name));
    for (const stamp of STAMPS)
      expect(bytes.includes(Buffer.from(stamp)), `${name}: ${stamp}`).toBe(false);
    expect(bytes.includes(Buffer.from("14:47:31.204")), `${name}: audit time`).toBe(false);
    expect(bytes.includes(Buffer.from("n=17")), `${name}: audit count`).toBe(false);
  }
}, 60_000);
