// `npm run build`: the phone page and console (Vite), the server and CLI compiled to plain
// JavaScript (tsc), and the files the compiled server reads beside its modules.
// Plain JavaScript itself, so that it runs with nothing but node and the dev dependencies.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { newestSource } from "./build-sources.mjs";
import { root, toolScript } from "./dev-tools.mjs";

/** Runs a dev tool with this node; the build stops at the first that fails. */
function run(pkg, command, args) {
  const script = toolScript(pkg, command);
  if (script === null) {
    console.error(`✗ ${pkg} is not installed: npm run build needs the dev dependencies (npm ci)`);
    process.exit(1);
  }
  const done = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: "inherit" });
  if (done.status !== 0) {
    console.error(`✗ build failed in ${pkg} (exit ${done.status ?? done.signal})`);
    process.exit(1);
  }
}

const started = performance.now();
const sources = newestSource(root);
// Vite first: it empties dist/, so nothing of an older build survives.
run("vite", "vite", ["build", "--logLevel", "warn"]);
run("typescript", "tsc", ["-p", "tsconfig.build.json"]);
// Read at run time beside the modules that use them (open-database.ts, postgres/migrate.ts,
// page-routes.ts).
for (const dir of [
  "server/storage/migrations",
  "server/storage/postgres/migrations",
  "server/respondent/static",
]) {
  cpSync(`${root}${dir}`, `${root}dist/${dir}`, { recursive: true });
}
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
// ensure-build.mjs compares this with the sources to rebuild after a `git pull`.
writeFileSync(
  `${root}dist/build-info.json`,
  `${JSON.stringify({ version, node: process.versions.node, abi: process.versions.modules, sources }, null, 2)}\n`,
);
console.log(`✓ built dist/ (${((performance.now() - started) / 1000).toFixed(1)} s)`);
