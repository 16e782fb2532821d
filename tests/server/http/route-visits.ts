// One request per route the app registers (and per kind of refusal), in an order that creates
// the ids later requests need: the walk of tests/server/http/security-headers.test.ts.
import { readFileSync } from "node:fs";
import { createRateLimiter } from "../../../server/http/rate-limit.ts";
import { PASSWORD, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId } from "../../support/api.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";
import type { TestServer } from "../../support/test-server.ts";

const SURVEY = "political-ecology";

/** Cookies, ids and secrets the walk collects as it goes; `server` is set before it starts. */
export interface Walk {
  server: TestServer | null;
  ids: Record<string, string>;
  version: number;
}

export interface Visit {
  name: string;
  method: string;
  /** `:name` segments are filled from the walk's ids when the request is sent. */
  path: string;
  status: number;
  /** The session cookie (a key of ids) or token sent; default: "admin" on /api/admin, else none. */
  as?: "admin" | "second" | "analyst" | "bearer" | "nobody";
  body?: unknown;
  /** A body built when sent (it needs ids, or must be fresh each time). */
  makeBody?: () => unknown;
  headers?: Record<string, string>;
  /** Runs first, e.g. to use up the sign-in attempts. */
  before?: () => Promise<void>;
  keep?: (body: Record<string, unknown>, response: Response) => void | Promise<void>;
}

const cookieOf = (response: Response) => response.headers.get("Set-Cookie")?.split(";")[0] ?? "";
const idOf = (body: Record<string, unknown>, key: string) => {
  const value = body[key];
  return typeof value === "object" && value !== null && "id" in value ? String(value.id) : "";
};

export const pathOf = (walk: Walk, visit: Visit) =>
  visit.path.replace(/:([a-z]+)/g, (_, name: string) => walk.ids[name] ?? `missing-${name}`);

export async function send(walk: Walk, visit: Visit): Promise<Response> {
  const url = walk.server?.url ?? "";
  const as = visit.as ?? (visit.path.startsWith("/api/admin/") ? "admin" : "nobody");
  const headers: Record<string, string> = {};
  if (as === "bearer") headers.Authorization = `Bearer ${walk.ids.secret}`;
  else if (as !== "nobody") Object.assign(headers, { Cookie: walk.ids[as] ?? "", Origin: url });
  const body = visit.makeBody ? visit.makeBody() : visit.body;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${url}${pathOf(walk, visit)}`, {
    method: visit.method,
    headers: { ...headers, ...visit.headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
}

/** "POST /api/admin/links" → a visit expecting `status`. */
function visit(request: string, status: number, name: string, more: Partial<Visit> = {}): Visit {
  const [method = "GET", path = "/"] = request.split(" ");
  return { name, method, path, status, ...more };
}

export function routeVisits(walk: Walk): Visit[] {
  const { ids } = walk;
  const submission = (category = "A") => ({
    submissionId: newSubmissionId(),
    version: walk.version,
    ...fullAnswers(loadSeedSurvey(), category),
  });
  const account = { username: "fenxi", displayName: "分析", role: "analyst", password: PASSWORD };
  const failed = { username: "nobody-here", password: "wrong wrong" };
  const nobody = { as: "nobody" as const };
  const repeat = async (times: number, v: Visit) => {
    for (let i = 0; i < times; i++) await (await send(walk, v)).arrayBuffer();
  };
  const results = "/api/admin/results";
  const q = `?survey=${SURVEY}`;
  // For the walk's last two visits, every code lookup is over the limit.
  let usual = walk.server?.system.deps.codeLimiter;
  const exhaustCodeLookups = async () => {
    const deps = walk.server?.system.deps;
    usual = deps?.codeLimiter;
    if (deps) deps.codeLimiter = createRateLimiter({ perAddress: 0, global: 0, windowMs: 60_000 });
  };
  const restoreCodeLookups = () => {
    const deps = walk.server?.system.deps;
    if (deps && usual) deps.codeLimiter = usual;
  };
  const submit = { makeBody: () => submission() };
  const submitB = { makeBody: () => submission("B") };
  const setup = () => ({
    token: new URL(walk.server?.setupUrl() ?? "http://x/").hash.replace("#setup=", ""),
    username: "chief",
    displayName: "主任",
    password: PASSWORD,
  });

  return [
    visit("POST /api/admin/setup", 201, "first admin from the setup link", {
      ...nobody,
      makeBody: setup,
      keep: (_b, response) => {
        ids.admin = cookieOf(response);
      },
    }),
    visit("POST /api/admin/setup", 410, "setup link reused", { ...nobody, makeBody: setup }),
    visit("POST /api/admin/login", 401, "wrong password", { ...nobody, body: failed }),
    visit("POST /api/admin/login", 200, "sign in", {
      ...nobody,
      body: { username: "chief", password: PASSWORD },
      keep: (_b, response) => {
        ids.second = cookieOf(response);
      },
    }),
    visit("GET /api/admin/me", 200, "who am I"),
    visit("GET /api/admin/accounts", 200, "accounts"),
    visit("POST /api/admin/accounts", 201, "new account", {
      body: account,
      keep: async (b) => {
        ids.account = idOf(b, "account");
        if (walk.server) ids.analyst = await sessionCookie(walk.server, ids.account);
      },
    }),
    visit("POST /api/admin/accounts", 409, "username taken", { body: account }),
    visit("PATCH /api/admin/accounts/:account", 200, "edit account", {
      body: { displayName: "甲" },
    }),
    visit("GET /api/admin/accounts", 403, "accounts for an analyst", { as: "analyst" }),
    visit("GET /api/admin/tokens", 200, "tokens"),
    visit("POST /api/admin/tokens", 201, "new token", {
      body: { label: "脚本", password: PASSWORD },
      keep: (b) => {
        ids.token = idOf(b, "token");
        ids.secret = String(b.secret);
      },
    }),
    visit("GET /api/admin/me", 200, "who am I, by token", { as: "bearer" }),
    visit("POST /api/admin/tokens/:token/revoke", 200, "revoke token", { body: {} }),
    visit("GET /api/admin/me", 401, "a revoked token", { as: "bearer" }),
    visit("GET /api/admin/audit", 200, "audit log"),
    visit("GET /api/admin/surveys", 200, "surveys"),
    visit("POST /api/admin/surveys", 201, "import a survey", {
      body: JSON.parse(readFileSync("tests/fixtures/surveys/mini.json", "utf8")),
    }),
    visit("POST /api/admin/surveys", 422, "import a broken survey", { body: { id: "broken" } }),
    visit("POST /api/admin/surveys/to-xlsx", 200, "a draft as a spreadsheet", {
      body: { survey: JSON.parse(readFileSync("tests/fixtures/surveys/mini.json", "utf8")) },
    }),
    visit(`GET /api/admin/surveys/${SURVEY}/versions/1/xlsx`, 200, "a version as a spreadsheet"),
    visit("POST /api/admin/surveys/parse-xlsx", 200, "read a spreadsheet", {
      body: { fileBase64: "UEsFBg==" },
    }),
    visit("POST /api/admin/surveys/parse-text", 200, "read a pasted questionnaire", {
      body: { text: "调查问卷\n1．您的身份是？\nA．干部　B．群众" },
    }),
    ...draftVisits(walk),
    visit(`POST /api/admin/surveys/${SURVEY}/state`, 200, "open a survey", {
      body: { state: "open" },
    }),
    visit(`PUT /api/admin/surveys/${SURVEY}/targets`, 200, "sample plan", {
      body: { total: 100, categories: {} },
    }),
    visit("GET /api/admin/links", 200, "links"),
    visit("POST /api/admin/links", 201, "new link", {
      body: { surveyId: SURVEY, label: "县直单位" },
      keep: (b) => {
        ids.link = idOf(b, "link");
      },
    }),
    visit("PATCH /api/admin/links/:link", 200, "edit link", { body: { cap: 500 } }),
    visit("GET /api/admin/links/:link/qr.svg", 200, "link QR as SVG"),
    visit("GET /api/admin/links/:link/qr.png", 200, "link QR as PNG"),
    visit("GET /api/admin/batches", 200, "batches"),
    visit("POST /api/admin/batches", 201, "new batch", {
      body: { surveyId: SURVEY, label: "纸质", count: 3 },
      keep: async (b) => {
        ids.batch = idOf(b, "batch");
        const sql = "SELECT code FROM codes WHERE batch_id = ? ORDER BY code";
        const codes = (await walk.server?.query<{ code: string }>(sql, ids.batch)) ?? [];
        const [code = "", spare = "", revoked = ""] = codes.map((c) => c.code);
        Object.assign(ids, { code, spare, revoked });
      },
    }),
    visit("GET /api/admin/batches/:batch/slips", 200, "slip sheet"),
    visit("POST /api/admin/batches/:batch/revoke", 200, "revoke a lost code", {
      makeBody: () => ({ codes: [ids.revoked] }),
    }),
    visit("GET /api/links/:link/survey", 200, "a link's survey", {
      keep: (b) => {
        walk.version = Number(b.version);
      },
    }),
    visit("GET /api/codes/:code/survey", 200, "a code's survey"),
    visit("GET /api/links/NoSuchLinkNoSuchLink1/survey", 404, "an unknown link's survey"),
    visit("GET /api/links/:link/challenge", 404, "a proof-of-work puzzle (none required)"),
    visit("POST /api/links/:link/responses", 201, "submit through a link", submit),
    visit("POST /api/links/:link/responses", 422, "invalid answers", {
      makeBody: () => ({ ...submission(), answers: {} }),
    }),
    visit("POST /api/codes/:code/responses", 201, "submit with a code", submitB),
    visit("POST /api/codes/:code/responses", 404, "a used code (answered as unknown)", submitB),
    visit("GET /api/codes/:code/survey", 404, "a used code's survey (answered as unknown)"),
    visit(`GET /api/admin/returns${q}`, 200, "returns"),
    visit(`GET ${results}/options${q}`, 200, "results options"),
    visit(`GET ${results}${q}`, 200, "results", {
      // The default k is 5: below it the results are refused, not shown.
      before: () => repeat(5, visit("POST /api/links/:link/responses", 201, "", submit)),
    }),
    visit(`GET ${results}/export.xlsx${q}`, 200, "Excel download"),
    visit(`GET ${results}/export.csv${q}`, 200, "CSV download"),
    visit(`GET ${results}/report.docx${q}`, 200, "Word report"),
    visit(`GET ${results}/report.html${q}`, 200, "printable report"),
    visit(`GET ${results}?survey=nope`, 404, "results for an unknown survey"),
    visit("GET /s/:link", 200, "survey page"),
    visit("GET /c/:spare", 200, "code page"),
    visit("GET /s/NoSuchLinkNoSuchLink1", 404, "unknown link page"),
    visit("GET /s/:paused", 403, "paused link page"),
    visit("GET /s/:closed", 410, "closed link page"),
    visit("GET /c/:code", 404, "used code page (answered as unknown)"),
    visit("GET /c/:revoked", 404, "revoked code page (answered as unknown)"),
    visit("GET /c/", 404, "where a used code's tab goes (answered as unknown)"),
    visit("GET /admin", 301, "console without slash"),
    visit("GET /admin/", 200, "console"),
    visit("GET /static/page.css", 200, "page stylesheet"),
    visit("GET /static/report.css", 200, "report stylesheet"),
    visit("GET /static/slips.css", 200, "slips stylesheet"),
    visit("GET /static/nope.css", 404, "unknown static file"),
    visit("GET /assets/:asset", 200, "built script"),
    visit("GET /assets/nope.js", 404, "unknown built file"),
    visit("GET /healthz", 200, "health"),
    visit("GET /privacy", 200, "what is stored (privacy page)"),
    visit("GET /api/openapi.json", 200, "OpenAPI document"),
    visit("GET /nothing-here", 404, "unknown path"),
    visit("GET /api/admin/links", 401, "console API signed out", nobody),
    visit("POST /api/admin/links", 415, "not JSON", {
      body: "label=x",
      headers: { "Content-Type": "text/plain" },
    }),
    visit("POST /api/links/:link/responses", 413, "body too large", {
      body: { pad: "x".repeat(300_000) },
    }),
    visit("DELETE /api/admin/links", 404, "unknown method (Hono has no 405)", { body: {} }),
    visit("POST /api/admin/links", 403, "another site's form", {
      body: {},
      headers: { Origin: "https://evil.example" },
    }),
    visit("POST /api/admin/logout", 200, "sign out", { as: "second", body: {} }),
    visit("GET /c/:spare", 429, "code lookups over the limit", { before: exhaustCodeLookups }),
    visit("GET /api/codes/:spare/survey", 429, "code API lookups over the limit", {
      keep: restoreCodeLookups,
    }),
  ];
}

/** Drafts: made from the current version, saved, compared, previewed, published, deleted. */
function draftVisits(walk: Walk): Visit[] {
  const { ids } = walk;
  const drafts = "/api/admin/drafts";
  const keepSurvey = (b: Record<string, unknown>) => {
    ids.draft = idOf(b, "draft");
    const draft = b.draft;
    ids.draftSurvey = JSON.stringify(
      typeof draft === "object" && draft
        ? Object.entries(draft).find(([k]) => k === "survey")?.[1]
        : null,
    );
  };
  const save = (revision: number) => ({ survey: JSON.parse(ids.draftSurvey ?? "null"), revision });
  return [
    visit(`POST ${drafts}`, 201, "a draft of the current version", {
      body: { source: "version", surveyId: SURVEY, version: 1 },
      keep: keepSurvey,
    }),
    visit(`GET ${drafts}`, 200, "drafts"),
    visit(`GET ${drafts}/:draft`, 200, "a draft"),
    visit(`PUT ${drafts}/:draft`, 200, "save a draft", { makeBody: () => save(1) }),
    visit(`PUT ${drafts}/:draft`, 409, "save a draft on a stale revision", {
      makeBody: () => save(1),
    }),
    visit(`GET ${drafts}/:draft/diff`, 200, "what publishing a draft changes"),
    visit(`GET ${drafts}/:draft/preview-survey`, 200, "a draft as a phone receives it"),
    visit("GET /admin/preview/:draft", 200, "a draft's phone preview", { as: "admin" }),
    visit("GET /admin/preview/:draft", 404, "a draft's phone preview, signed out"),
    visit(`POST ${drafts}/:draft/publish`, 200, "publish a draft (same content)", {
      body: { revision: 2 },
    }),
    visit(`POST ${drafts}`, 201, "a blank draft", {
      body: { source: "blank" },
      keep: (b) => {
        ids.blank = idOf(b, "draft");
      },
    }),
    visit(`POST ${drafts}/:blank/publish`, 422, "publish a draft with problems", {
      body: { revision: 1 },
    }),
    visit(`DELETE ${drafts}/:blank`, 200, "delete a draft", { body: {} }),
  ];
}
