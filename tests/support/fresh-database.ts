// A new folder for one database file, and the environment the server and the CLI read it from.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export function freshDatabase(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, "survey.db");
  return {
    dir,
    db,
    env: { DATABASE_PATH: db, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") },
  };
}
