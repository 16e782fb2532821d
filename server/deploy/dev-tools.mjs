// Finds a dev dependency's command-line script, to run it with this node: no npx, which could
// reach for the registry. Null when the dev dependencies are not installed (npm ci --omit=dev).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);

export function toolScript(pkg, command = pkg) {
  let manifest;
  try {
    manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
  } catch {
    return null;
  }
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  return join(dirname(manifest), typeof bin === "string" ? bin : bin[command]);
}
