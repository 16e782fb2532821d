// The newest modification time among the files a build is made from: a later one means stale.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const INPUTS = [
  "server",
  "client",
  "surveys/format",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "vite.config.ts",
];

function newestIn(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestIn(join(path, name)));
  return newest;
}

/** Milliseconds since the epoch, floored: a build records it, a start compares. */
export function newestSource(root) {
  return Math.floor(Math.max(...INPUTS.map((input) => newestIn(join(root, input)))));
}
