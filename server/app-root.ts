// The app's own folder (the nearest one above this module holding package.json), for default paths.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Defaults such as `data/survey.db` hang off this folder, not the current directory, so
 * `/opt/survey/bin/survey start` run from anywhere finds its files. From source (server/*.ts under
 * tsx) and compiled (dist/server/*.js) alike it is the repository root; in a release archive, the
 * extracted folder. Falls back to the current directory when no package.json is above.
 */
export function findAppRoot(startDir: string): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const appRoot = (): string => findAppRoot(dirname(fileURLToPath(import.meta.url)));
