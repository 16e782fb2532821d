// Before `npm start` and `npm run cli`: builds when there is no build yet, or the sources are newer
// (after a `git pull`), so a fresh clone's `npm install && npm start` just works. Without the dev
// dependencies (`npm ci --omit=dev`) it never builds: it uses the build there is, or says why not.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { newestSource } from "./build-sources.mjs";
import { root, toolScript } from "./dev-tools.mjs";

const quiet = process.argv.includes("--quiet");

function builtFrom() {
  if (!existsSync(`${root}dist/server/main.js`)) return null;
  try {
    return JSON.parse(readFileSync(`${root}dist/build-info.json`, "utf8")).sources ?? 0;
  } catch {
    return 0;
  }
}

const canBuild = () => toolScript("vite") !== null && toolScript("typescript", "tsc") !== null;

const built = builtFrom();
const fresh = built !== null && built >= newestSource(root);
if (!fresh) {
  if (canBuild()) {
    if (!quiet || built === null)
      console.log(
        built === null
          ? "No build yet: building…"
          : "Sources changed since the last build: building…",
      );
    const done = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("./build.mjs", import.meta.url))],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    process.exit(done.status ?? 1);
  }
  if (built === null) {
    console.error(
      "Cannot start: there is no build in dist/ and the build tools (dev dependencies) are not installed. " +
        "Run `npm ci && npm run build` first, or install the release archive (npm run release).",
    );
    process.exit(1);
  }
  console.warn(
    "⚠ The sources are newer than dist/, but the build tools are not installed: using the older build.",
  );
}
