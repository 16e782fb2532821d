// `npm run release`: one archive an intranet machine installs without network or compiler:
// the build, production dependencies only (with the SQLite module already compiled for this
// Node), the surveys, the deploy files and bin/survey. `--with-node` adds this node binary too.
// Usage: node server/deploy/make-release.mjs [--out DIR] [--with-node]
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: { out: { type: "string" }, "with-node": { type: "boolean" } },
});
const outDir = values.out ?? join(root, "dist", "release");
const withNode = values["with-node"] ?? false;

const info = JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8"));
if (info.abi !== process.versions.modules) {
  console.error(`✗ dist/ was built with Node ${info.node}; run npm run build with this node first`);
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const name = `survey-${pkg.version}-${process.platform}-${process.arch}${withNode ? "-node" : ""}`;
const staging = mkdtempSync(join(tmpdir(), "survey-release-"));
const top = join(staging, name);

/** Copies `from` (relative to the repo) to the same place in the release, minus what `skip` says. */
function copy(from, to = from, skip = () => false) {
  cpSync(join(root, from), join(top, to), {
    recursive: true,
    filter: (source) => !skip(relative(join(root, from), source).split(sep).join("/")),
  });
}

// The build, without any earlier release archive kept under dist/.
copy("dist", "dist", (path) => path === "release" || path.startsWith("release/"));
// Survey definitions only, each checked by the compiled format: a database, a .env or an editor's
// swap file left in surveys/ never ships, and a broken draft stops the release, not the server.
const { parseSurveyText } = await import(
  pathToFileURL(join(root, "dist/surveys/format/parse-survey.js")).href
);
const surveys = readdirSync(join(root, "surveys")).filter((name) => name.endsWith(".json"));
for (const name of surveys) {
  const parsed = parseSurveyText(
    readFileSync(join(root, "surveys", name), "utf8"),
    `surveys/${name}`,
  );
  if (!parsed.ok) {
    console.error(`✗ not released: ${parsed.errors[0]} (fix it, or move it out of surveys/)`);
    process.exit(1);
  }
  copy(`surveys/${name}`);
}
copy("surveys/format/survey.schema.json");
copy("README.md");
copy("server/deploy/systemd", "deploy/systemd");
copy("server/deploy/nginx", "deploy/nginx");
copy("server/deploy/survey.env.example", "deploy/survey.env.example");
copy("server/deploy/bin/survey", "bin/survey");
chmodSync(join(top, "bin/survey"), 0o755);

// Production packages exactly as the lock file has them (no npm, no registry): every entry that
// is not a dev dependency and is installed here. The SQLite module keeps only its compiled
// binary and loader; its 9 MB of C sources and build intermediates stay behind.
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
let packages = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (path === "" || entry.dev || !existsSync(join(root, path))) continue;
  packages++;
  const own = (file) => file.startsWith("node_modules/") || file === "node_modules";
  const sqlite = path.endsWith("node_modules/better-sqlite3");
  copy(path, path, (file) => {
    if (own(file) || file.endsWith(".d.ts") || file.endsWith(".map")) return true;
    if (!sqlite || file === "") return false;
    if (file === "build" || file === "build/Release") return false;
    return !(
      file === "package.json" ||
      file === "LICENSE" ||
      file === "lib" ||
      file.startsWith("lib/") ||
      file === "build/Release/better_sqlite3.node"
    );
  });
}
// What node needs to run it: ESM, and the dependency list for the curious; no scripts.
const manifest = {
  name: pkg.name,
  version: pkg.version,
  private: true,
  type: "module",
  engines: pkg.engines,
  dependencies: pkg.dependencies,
};
writeFileSync(join(top, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
if (withNode) {
  mkdirSync(join(top, "runtime"));
  cpSync(process.execPath, join(top, "runtime/node"));
  chmodSync(join(top, "runtime/node"), 0o755);
}

mkdirSync(outDir, { recursive: true });
const archive = join(outDir, `${name}.tar.gz`);
// Owned by root in the archive, whoever built it; extracted as the installing user.
execFileSync("tar", [
  "--owner=0",
  "--group=0",
  "--numeric-owner",
  "-czf",
  archive,
  "-C",
  staging,
  name,
]);
rmSync(staging, { recursive: true, force: true });
const mb = (statSync(archive).size / 1024 / 1024).toFixed(1);
console.log(
  `✓ ${relative(process.cwd(), archive)} (${mb} MB, ${packages} production packages, Node ${info.node})`,
);
