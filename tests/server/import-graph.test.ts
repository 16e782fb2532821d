// The layers by their imports: storage reaches nothing above it (no route, HTTP, page or results
// module), the domain reaches nothing but itself, and the console reads the server only through
// zod-free modules. Every import counts: `import type`, `export … from`, import(), import("x").T.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(".");

interface Edge {
  /** The importing file, relative to the repository root. */
  from: string;
  /** As written. */
  specifier: string;
  /** Repository-relative path for a relative specifier; null for a package or a node builtin. */
  target: string | null;
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

/** Every module specifier in a file, found by parsing it (a specifier in a comment never counts). */
function specifiersOf(source: string, fileName = "x.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    )
      literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      literal(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      literal(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function edgesUnder(dir: string): Edge[] {
  return walk(join(ROOT, dir)).flatMap((path) => {
    const from = relative(ROOT, path).split("\\").join("/");
    return specifiersOf(readFileSync(path, "utf8"), path).map((specifier) => ({
      from,
      specifier,
      target: specifier.startsWith(".")
        ? posix.normalize(posix.join(dirname(from), specifier))
        : null,
    }));
  });
}

const within = (target: string, dirs: string[]) => dirs.some((d) => target.startsWith(`${d}/`));
const show = (e: Edge) => `${e.from} → ${e.specifier}`;

/** Where storage may reach: itself, the domain's words, the survey format, node and packages. */
const STORAGE_MAY_IMPORT = ["server/storage", "server/domain", "surveys/format"];

/** Modules the console may load from server/ besides the domain: zod-free helpers it shares. */
const CONSOLE_MAY_IMPORT = new Set([
  "server/admin/role-labels.ts",
  "server/tabulate/figure-rules.ts",
]);

/** Each rule lists its offences, so a failure message names every one. */
function storageViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.from.startsWith("server/storage/") && e.target !== null)
    .filter((e) => !within(e.target ?? "", STORAGE_MAY_IMPORT))
    .map(show);
}

function domainViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.from.startsWith("server/domain/"))
    .filter((e) => e.target === null || !within(e.target, ["server/domain"]))
    .map(show);
}

/** Tabulation computes; the downloads format what it computed: export may read tabulate, never back. */
function tabulateViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.from.startsWith("server/tabulate/"))
    .filter((e) => e.target?.startsWith("server/export/"))
    .map(show);
}

function consoleViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.target?.startsWith("server/"))
    .filter(
      (e) => !within(e.target ?? "", ["server/domain"]) && !CONSOLE_MAY_IMPORT.has(e.target ?? ""),
    )
    .map(show);
}

describe("the import graph", () => {
  const server = edgesUnder("server");

  it("parses every import form, and only real ones", () => {
    const source = `
      import a from "./a.ts";
      import type { B } from "../b.ts";
      export { c } from "./c.ts";
      export * from "./d.ts";
      import e = require("./e.ts");
      type F = import("./f.ts").F;
      const g = await import("./g.ts");
      import "./h.ts";
      // import { nope } from "./comment.ts";
      const text = 'import { nope } from "./string.ts"';
    `;
    expect(specifiersOf(source).sort()).toEqual(
      ["./a.ts", "../b.ts", "./c.ts", "./d.ts", "./e.ts", "./f.ts", "./g.ts", "./h.ts"].sort(),
    );
    // The walk found the layers it judges.
    expect(server.some((e) => e.from.startsWith("server/storage/"))).toBe(true);
    expect(server.some((e) => e.from.startsWith("server/domain/"))).toBe(true);
  });

  it("names what breaks a rule", () => {
    const bad: Edge[] = [
      {
        from: "server/storage/x.ts",
        specifier: "../http/errors.ts",
        target: "server/http/errors.ts",
      },
      {
        from: "server/storage/x.ts",
        specifier: "../respondent/y.ts",
        target: "server/respondent/y.ts",
      },
      {
        from: "server/storage/x.ts",
        specifier: "../domain/roles.ts",
        target: "server/domain/roles.ts",
      },
      { from: "server/storage/x.ts", specifier: "better-sqlite3", target: null },
      { from: "server/domain/z.ts", specifier: "zod", target: null },
    ];
    expect(storageViolations(bad)).toEqual([
      "server/storage/x.ts → ../http/errors.ts",
      "server/storage/x.ts → ../respondent/y.ts",
    ]);
    expect(domainViolations(bad)).toEqual(["server/domain/z.ts → zod"]);
  });

  it("storage imports only storage, the domain, the survey format, node and packages", () => {
    expect(storageViolations(server)).toEqual([]);
  });

  it("the domain imports nothing but the domain (no zod, no node, no package)", () => {
    expect(domainViolations(server)).toEqual([]);
  });

  it("tabulation imports nothing from the downloads (no tabulate ↔ export cycle)", () => {
    expect(tabulateViolations(server)).toEqual([]);
  });

  it("the console reads the server only through the domain and a few zod-free helpers", () => {
    expect(consoleViolations(edgesUnder("client"))).toEqual([]);
  });
});
