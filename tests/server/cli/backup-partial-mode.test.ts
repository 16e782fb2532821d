// backupDatabase writes the copy to `<target>.partial-<pid>` with VACUUM INTO
// and only chmods it 0600 afterwards. SQLite creates that file 0644 minus the umask, so during the
// whole copy (minutes for a large survey) any local account may open it, and keeps its descriptor
// after the chmod; a copy killed half way (kill -9, power cut, TimeoutStartSec) leaves it behind
// readable for good, under a name no --keep ever prunes. `backup --into` an existing folder
// (a USB disk's /media/usb/survey, made 0755 by whoever mounted it) is the nightly case.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { openDatabase } from "../../../server/storage/open-database.ts";
import { freshDatabase } from "../../support/fresh-database.ts";

/** A live database of about 40 MB: long enough a copy to watch. */
function largeDatabase(path: string): void {
  openDatabase(path).close();
  const db = new Database(path);
  db.prepare(
    "INSERT INTO survey_versions (id, survey_id, version, content_hash, definition, created_on) VALUES (1, 'mini', 1, 'h', '{}', '2026-11-01')",
  ).run();
  db.prepare("INSERT INTO surveys (id, current_version_id) VALUES ('mini', 1)").run();
  const insert = db.prepare(
    "INSERT INTO responses (id, survey_version_id, category, answers, channel_id, released_on) VALUES (lower(hex(randomblob(16))), 1, 'A', ?, 'c', '2026-11-20')",
  );
  const answers = JSON.stringify([{ question: "Q6", option: "", text: "意见".repeat(2000) }]);
  db.transaction(() => {
    for (let i = 0; i < 4000; i++) insert.run(answers);
  })();
  db.close();
}

it("the copy being written is never readable by other accounts", async () => {
  const { dir, db, env } = freshDatabase("backup-partial-");
  largeDatabase(db);
  const into = join(dir, "usb");
  mkdirSync(into);
  chmodSync(into, 0o755);

  const child = spawn(
    process.execPath,
    ["--import", "tsx", "server/cli/main.ts", "backup", "--into", into],
    { env: { ...process.env, ...env }, stdio: "ignore" },
  );
  const exited = new Promise((done) => child.once("exit", done));
  const seen = new Map<string, number>();
  let running = true;
  void exited.then(() => {
    running = false;
  });
  while (running) {
    for (const name of readdirSync(into).filter((n) => n.includes(".partial-"))) {
      try {
        // The widest mode each file ever had.
        seen.set(name, (seen.get(name) ?? 0) | (statSync(join(into, name)).mode & 0o777));
      } catch {
        // renamed between the listing and the stat
      }
    }
    await new Promise((done) => setImmediate(done));
  }
  expect(seen.size, "the partial copy was never seen: make the database larger").toBeGreaterThan(0);
  for (const [name, mode] of [...seen].sort())
    expect(mode & 0o077, `${name} mode ${mode.toString(8)}`).toBe(0);
}, 120_000);
