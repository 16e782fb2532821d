// Backup and restore of a database of N responses while phones keep submitting: how long the copy
// takes, how big it is, whether it is sound and holds every acknowledged response; then the restore.
import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { startChildServer } from "../support/child-server.ts";
import { seededRandom } from "../support/random-answers.ts";
import {
  type CliRun,
  linkVersion,
  missingResponses,
  runCli,
  startSubmissions,
} from "../support/submission-loop.ts";
import { openTabulationStore } from "../support/tabulation-store.ts";

export interface BackupFigures {
  preloaded: number;
  connections: number;
  /** The copy and its integrity check, as the CLI reports it. */
  backupSeconds: number;
  /** Wall time of the CLI process, Node start included. */
  backupWallSeconds: number;
  bytes: number;
  integrity: string;
  responsesInCopy: number;
  ackedBeforeBackup: number;
  missingFromCopy: number;
  /** Submissions acknowledged while the backup ran: the server kept serving. */
  ackedDuringBackup: number;
  restoreSeconds: number;
  restoreWallSeconds: number;
  restoredServerResponses: number;
  serverErrors: number;
}

/** The duration the CLI prints at the end of its line, e.g. "(… integrity ok, 0.84 s)". */
const reportedSeconds = (run: CliRun) =>
  Number(run.stdout.match(/integrity ok, ([\d.]+) s\)/)?.[1] ?? Number.NaN);

/** Responses in the file the restarted server opened (/healthz tells no count). */
const storedCount = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare("SELECT count(*) FROM responses").pluck().get());
  } finally {
    db.close();
  }
};

export async function benchBackup(preloaded = 10_000, connections = 32): Promise<BackupFigures> {
  const store = openTabulationStore({ keep: false });
  const dir = dirname(store.dbPath);
  const env = {
    DATABASE_PATH: store.dbPath,
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
  };
  try {
    console.log(`  generating ${preloaded} responses…`);
    const random = seededRandom(preloaded);
    const question = findCategoryQuestion(store.version.survey);
    const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
    for (let done = 0; done < preloaded; done += 1000) {
      const specs = Array.from({ length: Math.min(1000, preloaded - done) }, (_, i) => ({
        category: categories[(done + i) % categories.length]!,
        channel: "t",
        day: "2026-11-25",
      }));
      store.add(specs, random);
    }
    store.closeStorage();

    const server = await startChildServer("server/main.ts", env);
    const target = join(dir, "backup.db");
    let copy: Omit<
      BackupFigures,
      "restoreSeconds" | "restoreWallSeconds" | "restoredServerResponses"
    >;
    try {
      const linkId = (await server.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1]!;
      const load = startSubmissions(
        server.url,
        linkId,
        await linkVersion(server.url, linkId),
        connections,
      );
      // Some acknowledged responses before the backup starts, so "missing" has something to miss.
      for (let waited = 0; load.acked.length < 200 && waited < 30_000; waited += 100)
        await new Promise((done) => setTimeout(done, 100));
      const before = load.acked.slice();
      const backup = await runCli(["backup", target], env);
      const during = load.acked.length - before.length;
      await load.stop();
      if (backup.code !== 0) throw new Error(`backup failed: ${backup.stderr}`);
      const db = new Database(target, { readonly: true, fileMustExist: true });
      const integrity = String(db.pragma("integrity_check", { simple: true }));
      const inCopy = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM responses").get();
      db.close();
      copy = {
        preloaded,
        connections,
        backupSeconds: reportedSeconds(backup),
        backupWallSeconds: backup.seconds,
        bytes: statSync(target).size,
        integrity,
        responsesInCopy: inCopy?.n ?? 0,
        ackedBeforeBackup: before.length,
        missingFromCopy: missingResponses(target, before).length,
        ackedDuringBackup: during,
        serverErrors: server.problems().serverErrors,
      };
    } finally {
      await server.stop();
    }

    const restore = await runCli(["restore", target], env);
    if (restore.code !== 0) throw new Error(`restore failed: ${restore.stderr}`);
    const restored = await startChildServer("server/main.ts", env);
    try {
      const restoredServerResponses = storedCount(store.dbPath);
      return {
        ...copy,
        restoreSeconds: reportedSeconds(restore),
        restoreWallSeconds: restore.seconds,
        restoredServerResponses,
      };
    } finally {
      await restored.stop();
    }
  } finally {
    store.close();
  }
}

export function printBackupFigures(f: BackupFigures): void {
  const mb = (f.bytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nBackup of ${f.preloaded.toLocaleString("en")} responses under ${f.connections} submitting connections`,
  );
  console.log(
    `  backup:  ${f.backupSeconds.toFixed(2)} s (${f.backupWallSeconds.toFixed(2)} s with Node start), ${mb} MB, integrity ${f.integrity}`,
  );
  console.log(
    `  copy:    ${f.responsesInCopy.toLocaleString("en")} responses; acknowledged before the backup: ${f.ackedBeforeBackup}, missing: ${f.missingFromCopy}`,
  );
  console.log(
    `  load:    ${f.ackedDuringBackup} submissions acknowledged while it ran, ${f.serverErrors} server errors`,
  );
  console.log(
    `  restore: ${f.restoreSeconds.toFixed(2)} s (${f.restoreWallSeconds.toFixed(2)} s with Node start); the restarted server counts ${f.restoredServerResponses.toLocaleString("en")} responses`,
  );
}
