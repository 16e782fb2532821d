// Which test files depend on the engine a vitest project names: those that start the app through
// test-server.ts or open a PostgreSQL database through pg-database.ts, directly or through a helper.
// A file that reaches neither (a pure unit, a child server on its own SQLite file) would only run
// the same thing twice in the "postgres" project, so that project leaves it out by itself.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

/** Relative modules a file imports for their values (`import type` starts nothing). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"(\.[^"]+)"/gm)].map(
    (m) => resolve(dirname(file), m[1] ?? ""),
  );
}

/** The *.test.ts files under `dir` that import one of `targets`, however indirectly (sorted). */
export function testFilesReaching(dir: string, targets: readonly string[]): string[] {
  const wanted = new Set(targets.map((t) => resolve(t)));
  const known = new Map<string, boolean>();
  const reaches = (file: string, path: Set<string>): boolean => {
    const cached = known.get(file);
    if (cached !== undefined) return cached;
    if (wanted.has(file)) return true;
    // Only the tests' own helpers are followed: the server's modules never import a test helper.
    if (!file.startsWith(resolve("tests")) || path.has(file)) return false;
    path.add(file);
    let found = false;
    try {
      found = valueImports(file).some((dep) => reaches(dep, path));
    } catch {
      // An import of a file that is not there: vitest reports it when it runs the test.
    }
    path.delete(file);
    known.set(file, found);
    return found;
  };
  return walk(resolve(dir))
    .filter((f) => f.endsWith(".test.ts") && reaches(f, new Set()))
    .map((f) => relative(resolve("."), f).split("\\").join("/"))
    .sort();
}
