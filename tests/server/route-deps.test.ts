// Each route takes only what it uses (server/app-deps.ts RouteDeps): no function under server/,
// bar the wiring, takes the whole AppDeps or the whole Storage, so a route cannot reach another
// domain's storage methods by accident. Judged by the compiler's types, not by spelling: an alias,
// Pick<AppDeps, "storage"> or Parameters<typeof f>[0] counts as what it is.
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(".");

interface Exception {
  /** Repository-relative. */
  file: string;
  /** The function, as findings name it. */
  name: string;
  reason: string;
}

/** Each must still take the whole thing: a line that no longer applies fails, so the list shrinks. */
const EXCEPTIONS: Exception[] = [
  {
    file: "server/app.ts",
    name: "createApp",
    reason: "the wiring: hands each route the whole AppDeps, which fits every narrow type",
  },
  {
    file: "server/compose.ts",
    name: "composeSystem",
    reason: "the wiring: builds the whole AppDeps (a test may override any field)",
  },
];

/** A module the judge is shown to prove it sees through aliases, Picks and arrows. */
const PROBE = "server/route-deps-probe.ts";
const PROBE_SOURCE = `
import type { AppDeps, RouteDeps } from "./app-deps.ts";
import type { Storage } from "./storage/storage.ts";
type Everything = AppDeps;
export function wholeDeps(deps: Everything) { return deps; }
export function storageByPick(deps: Pick<AppDeps, "catalog" | "storage">) { return deps; }
export function bareStorage(now: Date, storage: Storage) { return [now, storage]; }
export const arrow = (deps: RouteDeps<"now", Storage>) => deps;
export function narrow(deps: RouteDeps<"now", Pick<Storage, "getLink">>) { return deps; }
export function noDeps(_deps: unknown) { return null; }
`;

interface Finding {
  file: string;
  name: string;
  param: string;
  takes: "AppDeps" | "Storage";
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

const repoPath = (path: string) => relative(ROOT, path).split("\\").join("/");

/**
 * The server's own modules only, with the ES5 library for Pick, Parameters and the like: package
 * types are left unresolved (any), which is enough to count an interface's members and keeps the
 * check to seconds rather than the minute a full type check takes.
 */
function buildProgram() {
  const files = [...walk(join(ROOT, "server")), ...walk(join(ROOT, "surveys", "format"))];
  const probePath = join(ROOT, PROBE);
  const options: ts.CompilerOptions = {
    noResolve: true,
    lib: ["lib.es5.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    resolve(name) === probePath
      ? ts.createSourceFile(name, PROBE_SOURCE, version)
      : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => resolve(name) === probePath || fileExists.call(host, name);
  host.readFile = (name) =>
    resolve(name) === probePath ? PROBE_SOURCE : readFile.call(host, name);
  return ts.createProgram([...files, probePath], options, host);
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  let outer: ts.Node | undefined = parent;
  while (outer && !(ts.isFunctionLike(outer) && outer.name)) outer = outer.parent;
  return `(anonymous in ${outer ? nameOf(outer as ts.SignatureDeclaration) : "module"})`;
}

/** Every parameter under server/ (storage/ aside) typed as the whole AppDeps or Storage. */
function judge() {
  const program = buildProgram();
  const checker = program.getTypeChecker();
  const declared = (file: string, name: string) => {
    const source = program.getSourceFile(join(ROOT, file));
    const symbol = source && checker.getSymbolAtLocation(source)?.exports?.get(name as ts.__String);
    if (!symbol) throw new Error(`${file} exports no ${name}`);
    return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name);
  };
  const appDeps = declared("server/app-deps.ts", "AppDeps");
  const storage = declared("server/storage/storage.ts", "Storage");
  const hasAll = (type: ts.Type, names: string[]) => {
    const have = new Set(checker.getPropertiesOfType(type).map((p) => p.name));
    return names.every((n) => have.has(n));
  };

  const findings: Finding[] = [];
  const judged: string[] = [];
  for (const source of program.getSourceFiles()) {
    const file = repoPath(source.fileName);
    if (!file.startsWith("server/") || file.startsWith("server/storage/")) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && !ts.isFunctionTypeNode(node) && !ts.isMethodSignature(node)) {
        const name = nameOf(node);
        judged.push(`${file}#${name}`);
        for (const param of node.parameters) {
          const type = checker.getTypeAtLocation(param);
          const inner = type.getProperty("storage");
          const innerType = inner && checker.getTypeOfSymbolAtLocation(inner, param);
          const takes = hasAll(type, appDeps)
            ? "AppDeps"
            : hasAll(type, storage) || (innerType && hasAll(innerType, storage))
              ? "Storage"
              : null;
          if (takes) findings.push({ file, name, param: param.name.getText(source), takes });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { findings, judged, appDeps, storage };
}

describe("what each route takes", () => {
  const { findings, judged, appDeps, storage } = judge();
  const probe = findings.filter((f) => f.file === PROBE);
  const server = findings.filter((f) => f.file !== PROBE);
  const show = (f: Finding) => `${f.file} ${f.name}(${f.param}): the whole ${f.takes}`;
  const excepted = (f: Finding) => EXCEPTIONS.some((e) => e.file === f.file && e.name === f.name);

  it("sees through aliases, Picks, arrows and a store passed bare", () => {
    expect(appDeps.length).toBeGreaterThan(10);
    expect(storage.length).toBeGreaterThan(50);
    expect(probe.map(show)).toEqual([
      `${PROBE} wholeDeps(deps): the whole AppDeps`,
      `${PROBE} storageByPick(deps): the whole Storage`,
      `${PROBE} bareStorage(storage): the whole Storage`,
      `${PROBE} arrow(deps): the whole Storage`,
    ]);
    // It judged the route factories themselves, not just the probe.
    for (const route of [
      "server/links/link-routes.ts#linkRoutes",
      "server/admin/admin-auth.ts#authenticateAdmin",
      "server/tabulate/publish-results.ts#createPublisher",
      "server/respondent/resolve-entry.ts#resolveEntry",
    ])
      expect(judged).toContain(route);
  });

  it("no route or helper takes the whole AppDeps or Storage, except those listed with a reason", () => {
    expect(server.filter((f) => !excepted(f)).map(show)).toEqual([]);
  });

  it("every exception still applies (delete the line once its module is narrowed)", () => {
    const stale = EXCEPTIONS.filter(
      (e) => !server.some((f) => f.file === e.file && f.name === e.name),
    ).map((e) => `${e.file} ${e.name}`);
    expect(stale).toEqual([]);
  });
});
