// Finds, in TypeScript source, every place where text could become markup or SQL: the raw
// material of tests/server/code-rules.test.ts. It parses the code (comments never match) and
// reports sites; the test decides which are allowed.
import ts from "typescript";

export interface Site {
  file: string;
  line: number;
  rule: SiteRule;
  /** The code at the site, whitespace collapsed: what an allowlist entry quotes. */
  text: string;
  /** SQL sites only: every value spliced in is a module-level string constant of the same file. */
  constantsOnly?: boolean;
}

export type SiteRule = "html-sink" | "document-write" | "hono-raw" | "sql-call" | "sql-string";

/** Names that hand a string to the HTML parser, or mark one as already safe markup. */
export const HTML_SINKS = [
  "unsafeHTML",
  "unsafeSVG",
  "unsafeMathML",
  "unsafeStatic",
  "unsafeCSS",
  "innerHTML",
  "outerHTML",
  "insertAdjacentHTML",
  "createContextualFragment",
  "DOMParser",
  "dangerouslySetInnerHTML",
  "setHTMLUnsafe",
  "parseHTMLUnsafe",
  "isEscaped",
];
/** Inside a Lit template, `.innerHTML=${x}` or `srcdoc=${x}` is a sink written as text. */
const TEMPLATE_SINK = /(?:^|[^\w$])(innerHTML|outerHTML|srcdoc)\b/;
const HONO_HTML = new Set(["hono/html", "hono/utils/html"]);
const SQL_METHODS = new Set(["prepare", "exec", "pragma"]);
/** Upper-case keywords, the house SQL style: English prose does not shout them. */
const SQL_WORDS =
  /\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES|FROM|JOIN)\b/;

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const isPlus = (n: ts.Node): n is ts.BinaryExpression =>
  ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken;

/** Names of top-level `const X = "…"` (or a template without ${}) in the file. */
function stringConstants(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && ts.isStringLiteralLike(init)) names.add(d.name.text);
    }
  }
  return names;
}

/** The literal text and the spliced-in expressions of a template or a chain of `+`. */
function pieces(node: ts.Node): { literal: string; values: ts.Expression[] } {
  if (ts.isTemplateExpression(node)) {
    const literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
    return { literal, values: node.templateSpans.map((s) => s.expression) };
  }
  if (isPlus(node)) {
    const left = pieces(node.left);
    const right = pieces(node.right);
    return {
      literal: `${left.literal} ${right.literal}`,
      values: [...left.values, ...right.values],
    };
  }
  if (ts.isParenthesizedExpression(node)) return pieces(node.expression);
  if (ts.isStringLiteralLike(node)) return { literal: node.text, values: [] };
  return { literal: "", values: [node as ts.Expression] };
}

const within = (node: ts.Node, set: Set<ts.Node>): boolean =>
  set.has(node) || (node.parent !== undefined && within(node.parent, set));

const hasSplice = (node: ts.Node): boolean =>
  ts.isTemplateExpression(node) || isPlus(node) || (ts.forEachChild(node, hasSplice) ?? false);

/** Local names under which `raw` from hono's html helper is callable: `raw`, an alias, `ns.raw`. */
function honoRawNames(sf: ts.SourceFile): { direct: Set<string>; namespaces: Set<string> } {
  const direct = new Set<string>();
  const namespaces = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    if (!HONO_HTML.has(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const spec of bindings.elements)
        if ((spec.propertyName ?? spec.name).text === "raw") direct.add(spec.name.text);
  }
  return { direct, namespaces };
}

export function scanSource(file: string, source: string, opts: { sql: boolean }): Site[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = source.split("\n");
  const constants = stringConstants(sf);
  const raw = honoRawNames(sf);
  const sites: Site[] = [];
  const covered = new Set<ts.Node>();
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const add = (node: ts.Node, rule: SiteRule, text?: string) => {
    const line = lineOf(node);
    sites.push({ file, line, rule, text: squash(text ?? lines[line - 1] ?? "") });
  };
  const addSql = (node: ts.Node, rule: SiteRule, spliced: ts.Node) => {
    const { values } = pieces(spliced);
    const constantsOnly = values.every((v) => ts.isIdentifier(v) && constants.has(v.text));
    add(node, rule, node.getText(sf));
    sites[sites.length - 1]!.constantsOnly = constantsOnly;
  };

  const visit = (node: ts.Node) => {
    if ((ts.isIdentifier(node) || ts.isStringLiteral(node)) && HTML_SINKS.includes(node.text))
      add(node, "html-sink");
    if (ts.isTemplateLiteralToken(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (TEMPLATE_SINK.test(node.text)) add(node, "html-sink");
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      /^write(ln)?$/.test(node.name.text) &&
      /(^|\.)document$/.test(node.expression.getText(sf))
    )
      add(node, "document-write");
    // Re-exporting raw would let other modules call it under names this file cannot see.
    if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      HONO_HTML.has(node.moduleSpecifier.text)
    )
      add(node, "hono-raw", node.getText(sf));
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const rawCall =
        (ts.isIdentifier(callee) && raw.direct.has(callee.text)) ||
        (ts.isPropertyAccessExpression(callee) &&
          callee.name.text === "raw" &&
          raw.namespaces.has(callee.expression.getText(sf)));
      if (rawCall) add(node, "hono-raw", node.getText(sf));
      const arg = node.arguments[0];
      if (
        opts.sql &&
        arg &&
        ts.isPropertyAccessExpression(callee) &&
        SQL_METHODS.has(callee.name.text) &&
        hasSplice(arg)
      ) {
        addSql(node, "sql-call", arg);
        covered.add(arg);
      }
    }
    const spliced = ts.isTemplateExpression(node) || (isPlus(node) && !isPlus(node.parent));
    if (opts.sql && spliced && !within(node, covered) && SQL_WORDS.test(pieces(node).literal))
      addSql(node, "sql-string", node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}
