// Extra distribution links made the way an office would without the console (`npm run cli -- link
// create`), beside a running server, and the link list read back from the database file.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import type { LinkRow } from "./unique-submissions.ts";

const run = promisify(execFile);

export interface LinkSpec {
  label: string;
  /** A category code to lock the link to, e.g. "I". */
  category?: string;
}

/** Runs the CLI once per link against the database in `env.DATABASE_PATH`. */
export async function createLinksWithCli(env: Record<string, string>, specs: LinkSpec[]) {
  for (const spec of specs) {
    const args = ["--import", "tsx", "server/cli/main.ts", "link", "create", "--label", spec.label];
    if (spec.category) args.push("--category", spec.category);
    const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env } });
    if (!/\/s\/[A-Za-z0-9_-]+/.test(stdout)) throw new Error(`link create printed: ${stdout}`);
  }
}

/** Every link, oldest first (the demo link the server made on first start comes first). */
export function readLinks(dbPath: string): LinkRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], LinkRow>(
        `SELECT id, label, channel_id AS channelId, locked_category AS lockedCategory FROM links
          ORDER BY created_at, id`,
      )
      .all();
  } finally {
    db.close();
  }
}
