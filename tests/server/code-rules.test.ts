// Fails the build when code could turn user data into markup or SQL: every HTML sink (unsafeHTML,
// innerHTML, hono's raw, …) and every SQL string built with ${} or + must be an allowlisted site
// whose argument is proven not to be user data; a listed site that disappears fails too.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { qrSvg } from "../../server/batches/qr-images.ts";
import { markupText } from "../../server/http/print-page.ts";
import { renderSurveyPage } from "../../server/respondent/render-pages.ts";
import { hostileSurvey, PAYLOADS } from "../e2e/xss-payloads.ts";
import { type Site, type SiteRule, scanSource } from "./code-scan.ts";

interface Allowed {
  file: string;
  rule: SiteRule;
  /** Quoted from the site's code; must match exactly one site. */
  snippet: string;
  reason: string;
  /** SQL only: the scanner must find that nothing but module string constants is spliced in. */
  constantsOnly?: true;
}

const COLUMNS =
  "a column list: a string constant of this module, spliced so the list is written once";

const ALLOWED: Allowed[] = [
  {
    file: "server/respondent/render-pages.ts",
    rule: "hono-raw",
    snippet: "raw(scriptSafeJson(bootstrap))",
    reason:
      'The bootstrap sits in <script type="application/json">, which never runs; scriptSafeJson writes < > & U+2028 U+2029 as \\u escapes, so no survey text can close the element or open a comment (proven below).',
  },
  {
    file: "server/batches/slip-sheet.ts",
    rule: "hono-raw",
    snippet: "raw(drawQr(url))",
    reason:
      "qrSvg draws the QR module matrix as one <svg> of <path> elements whose attributes are numbers; the URL (publicBase + /c/ + a server-made code) is encoded into modules, never copied into markup (proven below).",
  },
  {
    file: "server/export/report-page/figure-chart.ts",
    rule: "hono-raw",
    snippet: "raw(barChartSvg(bars))",
    reason:
      "barChartSvg builds the chart from numbers and escapes every text it prints (labels, figures, title: < > & \" '), with presentation attributes only; a hostile option label stays text inside <text> (proven in tests/server/export/bar-chart-svg.test.ts).",
  },
  {
    file: "server/storage/open-database.ts",
    rule: "sql-call",
    snippet: "db.pragma(`user_version = ",
    reason:
      "PRAGMA takes no bound parameters; number is Number() of the four digits that start a migration file name shipped with the code (/^\\d{4}_/), never input.",
  },
  ...[
    ["sqlite-admins.ts", "FROM admins WHERE id = ?"],
    ["sqlite-admins.ts", "FROM admins WHERE username = ?"],
    ["sqlite-admins.ts", "FROM admins ORDER BY username"],
    ["sqlite-admins.ts", "FROM api_tokens t JOIN admins a ON a.id = t.admin_id WHERE t.token_hash"],
    ["sqlite-admins.ts", "FROM api_tokens t JOIN admins a ON a.id = t.admin_id WHERE t.id = ?"],
    ["sqlite-admins.ts", "WHERE ? IS NULL OR t.admin_id = ?"],
    ["sqlite-batches.ts", "FROM code_batches b WHERE b.id = ?"],
    ["sqlite-batches.ts", "FROM code_batches b ORDER BY"],
    ["sqlite-links.ts", "FROM links WHERE id = ?"],
    ["sqlite-links.ts", "FROM links ORDER BY"],
  ].map(([file, snippet]) => ({
    file: `server/storage/${file}`,
    rule: "sql-call" as const,
    snippet: snippet ?? "",
    reason: COLUMNS,
    constantsOnly: true as const,
  })),
  // migrate --to copies every table: their names come from the databases' own catalogs.
  ...[
    ["sql-string", "coalesce(max(id), 0) + 1, false) FROM ${table}"],
    ["sql-call", 'SELECT count(*) FROM "${table}"'],
    ["sql-string", "SELECT count(*) AS n FROM ${table}"],
    ["sql-call", 'FROM "${table}" ORDER BY ${order}'],
    ["sql-string", "OVERRIDING SYSTEM VALUE VALUES ${values.join"],
  ].map(([rule, snippet]) => ({
    file: "server/storage/postgres/copy-from-sqlite.ts",
    rule: rule === "sql-call" ? ("sql-call" as const) : ("sql-string" as const),
    snippet: snippet ?? "",
    reason:
      "table and column names read from the two databases' own catalogs (pg_tables, pragma_table_info), never from a request; every value is a bound parameter",
  })),
  // The PostgreSQL engine splices the same kind of column-list constants into its queries.
  ...[
    ["pg-admins.ts", "FROM admins WHERE id = $1"],
    ["pg-admins.ts", "FROM admins WHERE username = $1"],
    ["pg-admins.ts", "FROM admins ORDER BY username"],
    ["pg-admins.ts", "WHERE t.token_hash = $1"],
    ["pg-admins.ts", "WHERE t.id = $1"],
    ["pg-admins.ts", "WHERE $1::text IS NULL OR t.admin_id = $1"],
    ["pg-batches.ts", "FROM code_batches b WHERE b.id = $1"],
    ["pg-batches.ts", "FROM code_batches b ORDER BY"],
    ["pg-drafts.ts", "FROM survey_drafts WHERE id = $1`"],
    ["pg-drafts.ts", "FROM survey_drafts WHERE id = $1 FOR UPDATE"],
    ["pg-drafts.ts", "FROM survey_drafts ORDER BY"],
    ["pg-drafts.ts", "RETURNING ${COLUMNS}"],
    ["pg-links.ts", "FROM links WHERE id = $1"],
    ["pg-links.ts", "FROM links ORDER BY"],
    ["pg-surveys.ts", "WHERE survey_id = $1 AND content_hash = $2"],
    ["pg-surveys.ts", "RETURNING ${VERSION_COLUMNS}"],
    ["pg-surveys.ts", "FROM survey_versions WHERE id = $1"],
  ].map(([file, snippet]) => ({
    file: `server/storage/postgres/${file}`,
    rule: "sql-string" as const,
    snippet: snippet ?? "",
    reason: COLUMNS,
    constantsOnly: true as const,
  })),
  // The PostgreSQL start check (pg-recorders.ts) prints remedies an operator types: SQL text shown
  // in a refusal line, never run by this program; every name in it is quoteIdent'ed or a setting's
  // name from a fixed list.
  ...[
    "ALTER DATABASE ${db} RESET ${name}",
    "ALTER ROLE ${user} RESET ${name}",
    "ALTER ROLE ${user} IN DATABASE ${db} RESET ${name}",
    "set ${name} = ${safe} in postgresql.conf",
    "ALTER DATABASE ${quoteIdent(who.database)} SET ${name} = ${to}",
    "DROP EVENT TRIGGER ${quoteIdent(name)}",
    "ALTER PUBLICATION ${quoteIdent(name)} DROP TABLE",
    "DROP PUBLICATION ${quoteIdent(name)}, or publish only other tables",
    "pg_drop_replication_slot('${name.replaceAll",
    "ALTER ROLE … SET search_path = ${quoteIdent(schema)}",
  ].map((snippet) => ({
    file: "server/storage/postgres/pg-recorders.ts",
    rule: "sql-string" as const,
    snippet,
    reason:
      "a remedy printed in the start's refusal line for the operator to type, never run by this program; names are quoted identifiers or fixed setting names",
  })),
  {
    file: "server/storage/postgres/pg-catalog.ts",
    rule: "sql-string",
    snippet: "e.classid = '${catalog}'::regclass AND e.objid = ${oid}",
    reason:
      "NOT_EXTENSION's two arguments are literals in this module (a catalog name and a column), never data; the catalog query is built once from them",
  },
  {
    file: "server/storage/postgres/pg-catalog.ts",
    rule: "sql-string",
    snippet: '${NOT_EXTENSION("pg_class", "c.oid")}',
    reason:
      "the catalog query splices NOT_EXTENSION's constant clauses; its one value, the schema name, is the bound parameter $1",
  },
  {
    file: "server/storage/postgres/pg-schema-check.ts",
    rule: "sql-string",
    snippet: "CREATE SCHEMA ${probe}",
    reason:
      "the scratch schema's name is survey_probe_ and 16 hex digits made here from randomBytes, never from a request",
  },
  {
    file: "server/storage/postgres/pg-schema-check.ts",
    rule: "sql-string",
    snippet: "GRANT CREATE ON DATABASE ${quoteIdent(who.database)}",
    reason:
      "a remedy printed in the start's refusal line for the operator to type, never run; database and user are quoted identifiers",
  },
];

const ROOT = resolve(".");
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? walk(join(dir, e.name))
      : /\.(ts|js|mjs)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

/** Every site in the shipped code: client/, server/ and the survey format both of them import. */
function scanRepository(): Site[] {
  return ["client", "server", "surveys"].flatMap((dir) =>
    walk(join(ROOT, dir)).flatMap((path) => {
      const file = relative(ROOT, path).split("\\").join("/");
      return scanSource(file, readFileSync(path, "utf8"), { sql: file.startsWith("server/") });
    }),
  );
}

const matches = (a: Allowed, s: Site) =>
  a.file === s.file && a.rule === s.rule && s.text.includes(a.snippet);
const describeSite = (s: Site) => `${s.file}:${s.line} [${s.rule}] ${s.text}`;

describe("the shipped code", () => {
  const sites = scanRepository();

  it("hands no text to an HTML sink or to SQL except at the allowlisted sites", () => {
    const unlisted = sites.filter((s) => !ALLOWED.some((a) => matches(a, s)));
    expect(unlisted.map(describeSite)).toEqual([]);
  });

  it("still has every allowlisted site, each matched by exactly one piece of code", () => {
    const counts = ALLOWED.map(
      (a) => `${a.file} ${a.snippet}: ${sites.filter((s) => matches(a, s)).length}`,
    );
    expect(counts).toEqual(ALLOWED.map((a) => `${a.file} ${a.snippet}: 1`));
    for (const a of ALLOWED) expect(a.reason.length, a.snippet).toBeGreaterThan(40);
  });

  it("splices only module string constants into the SQL listed as column lists", () => {
    const spliced = ALLOWED.filter((a) => a.constantsOnly).flatMap((a) =>
      sites.filter((s) => matches(a, s) && s.constantsOnly !== true).map(describeSite),
    );
    expect(spliced).toEqual([]);
  });
});

describe("the allowlisted markup is not user data", () => {
  const client = {
    root: "",
    respond: { script: "/assets/respond.js", styles: [], preloads: [] },
    admin: null,
  };

  it("the survey page's JSON bootstrap cannot leave its <script> element, and reads back whole", () => {
    const survey = hostileSurvey();
    const bootstrap = {
      linkId: PAYLOADS[0]!.text,
      submitPath: "/api/links/x/responses",
      version: 1,
      lockedCategory: PAYLOADS[1]!.text,
      survey: {
        ...survey,
        extra: `\u2028\u2029<!--<script>${PAYLOADS.map((p) => p.text).join("")}`,
      },
    };
    const page = markupText(renderSurveyPage(survey.title, bootstrap, client, "n0nce"));
    const json = /<script type="application\/json" id="survey-data">([\s\S]*?)<\/script>/.exec(
      page,
    )?.[1];
    expect(json).toBeDefined();
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json ?? "")).toEqual(bootstrap);
    // The JSON, the nomodule fallback (/static/no-module.js) and the module: no inline code.
    expect(page.match(/<script/g)).toHaveLength(3);
  });

  it("a QR code's SVG holds numbers only, whatever the URL says", () => {
    for (const p of PAYLOADS) {
      const svg = qrSvg(`http://192.168.1.20:3000/c/${p.text}`);
      const attributes = [...svg.matchAll(/ ([a-zA-Z-:]+)="([^"]*)"/g)].map(([, name, value]) => ({
        name,
        value,
      }));
      expect(svg.replace(/ [a-zA-Z-:]+="[^"]*"/g, "")).toBe("<svg><path/><path/></svg>");
      for (const a of attributes) {
        const allowed = a.name === "xmlns" ? /^http:\/\/www\.w3\.org\/2000\/svg$/ : /^[\w #.-]*$/;
        expect(a.value, a.name).toMatch(allowed);
      }
    }
  });
});

describe("the scanner", () => {
  const BAD = `
    import { html, raw as trusted } from "hono/html";
    import * as h from "hono/html";
    import { unsafeHTML } from "lit/directives/unsafe-html.js";
    // A comment may say innerHTML or db.prepare(\`SELECT \${x}\`) without counting.
    el.innerHTML = text;
    el["outerHTML"] = text;
    el.insertAdjacentHTML("beforeend", text);
    document.write(text);
    new DOMParser().parseFromString(text, "text/html");
    range.createContextualFragment(text);
    const t = html\`<div .innerHTML=\${text}></div>\`;
    trusted(text); h.raw(text); unsafeHTML(text);
    db.prepare(\`SELECT * FROM links WHERE label = '\${label}'\`);
    db.exec("DELETE FROM codes WHERE code = '" + code + "'");
    const sql = "UPDATE links SET label = '" + label + "'";
    const q = \`INSERT INTO t VALUES (\${value})\`;
    export { raw } from "hono/utils/html";
  `;

  it("finds each kind of site in a sample of bad code, and none in its comment", () => {
    const found = scanSource("bad.ts", BAD, { sql: true });
    const lines = new Set(found.map((s) => s.line));
    expect(lines.has(5)).toBe(false);
    const byRule = (rule: SiteRule) => found.filter((s) => s.rule === rule).map((s) => s.line);
    expect(byRule("html-sink")).toEqual([4, 6, 7, 8, 10, 11, 12, 13]);
    expect(byRule("document-write")).toEqual([9]);
    expect(byRule("hono-raw")).toEqual([13, 13, 18]);
    expect(byRule("sql-call")).toEqual([14, 15]);
    expect(byRule("sql-string")).toEqual([16, 17]);
    expect(found.filter((s) => s.rule === "sql-call").map((s) => s.constantsOnly)).toEqual([
      false,
      false,
    ]);
  });
});
