// `npm run release` run from a developer's working copy. make-release.mjs
// must ship only the survey files, never whatever else sits in surveys/ (a copy of a database, a
// .env, an editor's swap file), and refuse a draft the production start would refuse.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const work = mkdtempSync(join(tmpdir(), "release-contents-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A working copy: the repository's release inputs, plus what a developer leaves lying around. */
function workingCopy(name: string): string {
  const root = join(work, name);
  mkdirSync(join(root, "server"), { recursive: true });
  for (const file of ["package.json", "package-lock.json", "README.md"])
    cpSync(resolve(file), join(root, file));
  for (const dir of ["surveys", "dist", "server/deploy"])
    cpSync(resolve(dir), join(root, dir), { recursive: true });
  symlinkSync(resolve("node_modules"), join(root, "node_modules"));
  // A test database copied next to the survey it was made with, and the developer's scratch files.
  cpSync(resolve("tests/fixtures/upgrade/survey-0.1.0.db"), join(root, "surveys", "answers.db"));
  writeFileSync(join(root, "surveys", ".env"), "ADMIN_PASSWORD=dev-password\n");
  writeFileSync(join(root, "surveys", ".political-ecology.json.swp"), "swap");
  return root;
}

const release = (root: string, out: string) =>
  spawnSync(process.execPath, [join(root, "server/deploy/make-release.mjs"), "--out", out], {
    cwd: root,
    encoding: "utf8",
  });

it("ships the valid survey files of surveys/ and nothing else from it", () => {
  const root = workingCopy("repo");
  const out = join(work, "out");
  const made = release(root, out);
  expect(made.status, made.stderr).toBe(0);
  const listing = execFileSync("sh", ["-c", `tar -tzf ${out}/*.tar.gz`], { encoding: "utf8" });
  const shipped = listing
    .split("\n")
    .map((path) => path.replace(/^[^/]+\//, ""))
    .filter((path) => path.startsWith("surveys/") && !path.endsWith("/"));
  const tracked = execFileSync("git", ["ls-files", "surveys/*.json"], { encoding: "utf8" })
    .split("\n")
    .filter((path) => path !== "" && !path.startsWith("surveys/format/"));
  expect(shipped.sort()).toEqual([...tracked, "surveys/format/survey.schema.json"].sort());
}, 120_000);

it("refuses to make a release with a survey file the server would refuse, naming it", () => {
  const root = workingCopy("with-draft");
  writeFileSync(join(root, "surveys", "draft-next-year.json"), '{"id": "draft"}\n');
  const out = join(work, "refused");
  const made = release(root, out);
  expect(made.status).toBe(1);
  expect(made.stderr).toMatch(/✗ not released: surveys\/draft-next-year\.json/);
  expect(existsSync(out)).toBe(false);
}, 120_000);
