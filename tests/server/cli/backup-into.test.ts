// `backup --into DIR [--keep N]`, the nightly timer's form: one dated copy a day, replaced on a
// rerun, pruned by name only, and a bad --keep refused before anything is written.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { dayIn } from "../../../server/http/clock.ts";
import { openDatabase } from "../../../server/storage/open-database.ts";
import { freshDatabase } from "../../support/fresh-database.ts";
import { integrityCheck } from "../../support/stored-check.ts";
import { runCli } from "../../support/submission-loop.ts";

// Far from UTC (UTC+14), so for half of every day its date differs from the machine's.
const ZONE = "Pacific/Kiritimati";

function liveDatabase() {
  const fresh = freshDatabase("backup-into-");
  openDatabase(fresh.db).close();
  return { ...fresh, env: { ...fresh.env, SURVEY_TIME_ZONE: ZONE } };
}

/** Every name in `dir` with its size and inode: what a refused or pruning run must not disturb. */
const snapshot = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.size} ${stat.ino}`;
    });

const mode = (path: string) => statSync(path).mode & 0o777;

it("--into creates the folder (0700) and a copy named by the day in SURVEY_TIME_ZONE (0600); a rerun that day replaces it", async () => {
  const { dir, env } = liveDatabase();
  const into = join(dir, "backups");
  const started = Date.now();
  const dayBefore = dayIn(ZONE, new Date());

  const first = await runCli(["backup", "--into", into], env);
  expect(first.code, first.stderr).toBe(0);
  const days = [dayBefore, dayIn(ZONE, new Date())];
  const names = readdirSync(into);
  expect(names).toHaveLength(1);
  const name = names[0] ?? "";
  expect(days.map((day) => `survey-${day}.db`)).toContain(name);
  const file = join(into, name);
  // The nightly line lands in the journal: no count and no size that would time submissions.
  expect(first.stdout).toMatch(
    new RegExp(`^backup written: ${file} \\(integrity ok, [\\d.]+ s\\)\\n$`),
  );
  expect(mode(into)).toBe(0o700);
  expect(mode(file)).toBe(0o600);
  expect(integrityCheck(file)).toBe("ok");
  // The file's times are the backup's own (VACUUM INTO writes a new file), never a response's.
  expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(started - 1000);

  const before = statSync(file).ino;
  const again = await runCli(["backup", "--into", into], env);
  expect(again.code, again.stderr).toBe(0);
  // Skip the check in the rare run that crossed midnight in ZONE: then it rightly made a second day.
  if (readdirSync(into).length === 1) {
    expect(again.stdout).toContain("; replaced the earlier one of the same day\n");
    // Renamed over from a temporary name in the folder: a new file, and no temporary one left.
    expect(statSync(file).ino).not.toBe(before);
    expect(readdirSync(into)).toEqual([name]);
    expect(mode(file)).toBe(0o600);
    expect(integrityCheck(file)).toBe("ok");
  }
});

it("--keep N keeps the newest N dated copies and deletes nothing whose name is not exactly survey-YYYY-MM-DD.db", async () => {
  const { dir, env } = liveDatabase();
  const into = join(dir, "backups");
  mkdirSync(into, { mode: 0o700 });
  for (const day of ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"])
    writeFileSync(join(into, `survey-${day}.db`), `old backup of ${day}`);
  const strangers = [
    "notes.txt",
    "survey-2019-01-01.db.bak",
    "survey-2019-01-01.db-wal",
    "survey-2019-1-1.db",
    "Survey-2019-01-01.db",
    "my-survey-2019-01-01.db",
    "survey-today.db",
    "survey.db",
  ];
  for (const name of strangers) writeFileSync(join(into, name), "someone else's file");
  // A folder with a matching name is not a backup either.
  mkdirSync(join(into, "survey-2018-01-01.db"));

  const pruned = await runCli(["backup", "--into", into, "--keep", "3"], env);
  expect(pruned.code, pruned.stderr).toBe(0);
  expect(pruned.stdout).toMatch(
    /\nremoved 2 older backup\(s\), keeping the newest 3: survey-2020-01-02\.db, survey-2020-01-01\.db\n$/,
  );
  const today = [`survey-${dayIn(ZONE, new Date())}.db`];
  expect(readdirSync(into).sort()).toEqual(
    [
      ...strangers,
      "survey-2018-01-01.db",
      "survey-2020-01-03.db",
      "survey-2020-01-04.db",
      ...today,
    ].sort(),
  );

  // --keep 1 leaves the copy just made, whatever else is there.
  const one = await runCli(["backup", "--into", into, "--keep", "1"], env);
  expect(one.code, one.stderr).toBe(0);
  expect(readdirSync(into).filter((n) => /^survey-\d{4}-\d{2}-\d{2}\.db$/.test(n))).toEqual([
    "survey-2018-01-01.db",
    ...today,
  ]);
});

it("a bad --keep (0, -1, abc, 1.5) or a wrong combination exits 2 with a message naming the flag and changes nothing", async () => {
  const { dir, db, env } = liveDatabase();
  const into = join(dir, "backups");
  mkdirSync(into, { mode: 0o700 });
  writeFileSync(join(into, "survey-2020-01-01.db"), "old backup");
  const folder = snapshot(into);
  const live = snapshot(dir);
  const missing = join(dir, "not-yet");

  const refusals: [string[], RegExp][] = [
    [["--into", into, "--keep", "0"], /--keep must be a whole number of at least 1.*"0"/],
    [["--into", into, "--keep", "-1"], /Option '--keep' argument is ambiguous/],
    [["--into", into, "--keep=-1"], /--keep must be a whole number of at least 1.*"-1"/],
    [["--into", into, "--keep", "abc"], /--keep must be a whole number of at least 1.*"abc"/],
    [["--into", into, "--keep", "1.5"], /--keep must be a whole number of at least 1.*"1\.5"/],
    [["--into", missing, "--keep", "0"], /--keep must be/],
    [["--keep", "3"], /--keep needs --into DIR/],
    [[join(dir, "copy.db"), "--into", into], /either a FILE or --into DIR, not both/],
    [["--into", into, "--force"], /--force is for backup FILE/],
  ];
  for (const [args, message] of refusals) {
    const refused = await runCli(["backup", ...args], env);
    expect(refused.code, args.join(" ")).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^✗ .*${message.source}.*\\n$`));
    expect(refused.stdout).toBe("");
  }
  expect(snapshot(into)).toEqual(folder);
  expect(snapshot(dir)).toEqual(live);
  expect(existsSync(missing)).toBe(false);
  expect(existsSync(db)).toBe(true);
}, 60_000);
