// The endpoints to fuzz, read from the live /api/openapi.json, each with valid ids, query values
// and a valid body to mutate; and the check that no registered /api route is left out.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { z } from "zod";
import { type FuzzBody, hostileBodies, type JsonObject } from "./fuzz-bodies.ts";
import { FUZZ_PASSWORD, type FuzzFixtures } from "./fuzz-fixtures.ts";
import { hostilePath, hostileQuery } from "./fuzz-urls.ts";
import { fullAnswers, loadSeedSurvey } from "./survey-answers.ts";

export interface ApiEndpoint {
  /** "POST /admin/links/{id}": method and path as /api/openapi.json names them. */
  key: string;
  method: string;
  template: string;
  query: string[];
  hasBody: boolean;
}

export interface EndpointExample {
  /** Generates valid bodies (fresh ids where a body may only be accepted once). */
  body?: fc.Arbitrary<JsonObject>;
  path?: Record<string, readonly string[]>;
  query?: Record<string, readonly string[]>;
}

export type FuzzEndpoint = ApiEndpoint & { example: EndpointExample };

export interface FuzzRequest {
  family: string;
  method: string;
  path: string;
  body?: Uint8Array;
  contentType?: string | null;
  chunked?: boolean;
}

const OpenApi = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        parameters: z.array(z.object({ in: z.string(), name: z.string() })).optional(),
        requestBody: z.unknown().optional(),
      }),
    ),
  ),
});

/** The document does not describe itself; it is still a route anyone can call. */
const UNDOCUMENTED: ApiEndpoint[] = [
  { key: "GET /openapi.json", method: "GET", template: "/openapi.json", query: [], hasBody: false },
];

export async function describeApi(baseUrl: string): Promise<ApiEndpoint[]> {
  const doc = OpenApi.parse(await (await fetch(`${baseUrl}/api/openapi.json`)).json());
  const described = Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${template}`,
      method: method.toUpperCase(),
      template,
      query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      hasBody: op.requestBody !== undefined,
    })),
  );
  return [...described, ...UNDOCUMENTED];
}

/** Keys of every /api route an app registers (`createApp(deps).routes`), middleware aside. */
export function registeredRouteKeys(routes: readonly { method: string; path: string }[]) {
  const keys = routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
    .map((r) => `${r.method} ${r.path.slice(4).replace(/:(\w+)/g, "{$1}")}`);
  return [...new Set(keys)].sort();
}

const isJsonObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function seedSurveyFile(): JsonObject {
  const file: unknown = JSON.parse(readFileSync("surveys/political-ecology.json", "utf8"));
  if (!isJsonObject(file)) throw new Error("the seed survey is not an object");
  return file;
}

const submissionIds = fc.stringMatching(/^[A-Za-z0-9_-]{21}$/);

/** Valid requests per endpoint, written against the fixtures; a missing row fails the run. */
export function examplesFor(fx: FuzzFixtures): Record<string, EndpointExample> {
  const { answers, otherText } = fullAnswers(loadSeedSurvey(), "A");
  const submission = submissionIds.map((submissionId) => ({
    submissionId,
    version: fx.versionId,
    answers,
    otherText,
  }));
  const body = (value: JsonObject) => fc.constant(value);
  const survey = { survey: [fx.surveyId] };
  const results = {
    query: {
      ...survey,
      version: ["1"],
      banner: ["Q2"],
      channel: [fx.linkLabel],
      from: [fx.today],
      to: [fx.today],
    },
  };
  return {
    "GET /links/{linkId}/survey": { path: { linkId: fx.linkIds } },
    "GET /codes/{code}/survey": { path: { code: fx.codes } },
    "GET /links/{linkId}/challenge": { path: { linkId: fx.linkIds } },
    "POST /links/{linkId}/responses": {
      path: { linkId: fx.linkIds.slice(0, 1) },
      body: submission,
    },
    "POST /codes/{code}/responses": { path: { code: fx.codes }, body: submission },
    "POST /admin/setup": {
      body: body({
        token: "not-the-setup-token",
        username: "second",
        displayName: "第二",
        password: "0123456789",
      }),
    },
    "POST /admin/login": { body: body({ username: "fuzzer", password: "a wrong password" }) },
    "POST /admin/logout": { body: body({}) },
    "GET /admin/me": {},
    "GET /admin/accounts": {},
    "POST /admin/accounts": {
      body: body({
        username: "fuzz-new",
        displayName: "新账号",
        role: "analyst",
        password: "0123456789",
      }),
    },
    "PATCH /admin/accounts/{id}": {
      path: { id: [fx.accountId] },
      body: body({ displayName: "改名" }),
    },
    "GET /admin/tokens": {},
    "POST /admin/tokens": { body: body({ label: "脚本", password: FUZZ_PASSWORD }) },
    "POST /admin/tokens/{id}/revoke": { path: { id: [fx.tokenId] }, body: body({}) },
    "GET /admin/audit": { query: { limit: ["20"], before: ["1000000"] } },
    "GET /admin/surveys": {},
    "POST /admin/surveys": { body: body(seedSurveyFile()) },
    "POST /admin/surveys/parse-text": {
      body: body({
        text: readFileSync("tests/fixtures/questionnaires/teacher-survey.txt", "utf8"),
      }),
    },
    "POST /admin/surveys/parse-xlsx": {
      body: body({
        fileBase64: readFileSync(
          "tests/fixtures/surveys/spreadsheet/patient-satisfaction.xlsx",
        ).toString("base64"),
      }),
    },
    "POST /admin/surveys/to-xlsx": { body: body({ survey: seedSurveyFile() }) },
    "GET /admin/surveys/{id}/versions/{version}/xlsx": {
      path: { id: [fx.surveyId], version: ["1"] },
    },
    "GET /admin/drafts": {},
    "POST /admin/drafts": { body: body({ source: "survey", survey: seedSurveyFile() }) },
    "GET /admin/drafts/{id}": { path: { id: [fx.drafts.edit] } },
    "PUT /admin/drafts/{id}": {
      path: { id: [fx.drafts.edit] },
      body: body({ survey: seedSurveyFile(), revision: 1 }),
    },
    "DELETE /admin/drafts/{id}": { path: { id: [fx.drafts.remove] }, body: body({}) },
    "GET /admin/drafts/{id}/diff": { path: { id: [fx.drafts.edit] } },
    "POST /admin/drafts/{id}/publish": {
      path: { id: [fx.drafts.publish] },
      body: body({ revision: 1 }),
    },
    "GET /admin/drafts/{id}/preview-survey": { path: { id: [fx.drafts.edit] } },
    "POST /admin/surveys/{id}/state": {
      path: { id: [fx.surveyId] },
      body: body({ state: "open" }),
    },
    "PUT /admin/surveys/{id}/targets": {
      path: { id: [fx.surveyId] },
      body: body({ total: 1652, categories: { A: 100, I: 400 } }),
    },
    "GET /admin/links": { query: survey },
    "POST /admin/links": {
      body: body({ surveyId: fx.surveyId, label: "乡镇党委", category: "I", cap: 200 }),
    },
    "PATCH /admin/links/{id}": { path: { id: [fx.patchLinkId] }, body: body({ cap: 500 }) },
    "GET /admin/links/{id}/qr.svg": { path: { id: fx.linkIds } },
    "GET /admin/links/{id}/qr.png": { path: { id: fx.linkIds } },
    "GET /admin/batches": { query: survey },
    "POST /admin/batches": { body: body({ surveyId: fx.surveyId, label: "纸质问卷", count: 2 }) },
    "GET /admin/batches/{id}/slips": { path: { id: [fx.smallBatchId] } },
    "POST /admin/batches/{id}/revoke": {
      path: { id: [fx.smallBatchId] },
      body: body({ codes: ["not-a-code"] }),
    },
    "GET /admin/returns": { query: survey },
    "GET /admin/results/options": { query: survey },
    "GET /admin/results": results,
    "GET /admin/results/export.xlsx": results,
    "GET /admin/results/export.csv": results,
    "GET /admin/results/report.docx": results,
    "GET /admin/results/report.html": results,
    "GET /openapi.json": {},
  };
}

/** Pairs each endpoint with its example; throws naming any endpoint without one, or the reverse. */
export function fuzzEndpoints(api: readonly ApiEndpoint[], fx: FuzzFixtures): FuzzEndpoint[] {
  const examples = examplesFor(fx);
  const keys = api.map((e) => e.key);
  const missing = keys.filter((k) => !Object.hasOwn(examples, k));
  const stale = Object.keys(examples).filter((k) => !keys.includes(k));
  if (missing.length + stale.length > 0)
    throw new Error(
      `fuzz examples: missing ${missing.join(", ")}; no such route ${stale.join(", ")}`,
    );
  return api.map((e) => {
    const example = examples[e.key] ?? {};
    if (e.hasBody && !example.body) throw new Error(`${e.key} takes a body but has no example`);
    return { ...e, example };
  });
}

const withBody = (body: FuzzBody) => ({
  family: body.family,
  body: body.bytes,
  contentType: body.contentType,
  chunked: body.chunked,
});

/** Hostile requests for one endpoint: bodies for writes, ids and query strings for everything. */
export function fuzzRequests(e: FuzzEndpoint): fc.Arbitrary<FuzzRequest> {
  const valid = e.example.path ?? {};
  const query = hostileQuery(e.query, e.example.query ?? {});
  if (!e.hasBody || !e.example.body)
    return fc
      .record({ path: hostilePath(e.template, valid, 3), query })
      .map((r) => ({ family: "url", method: e.method, path: `/api${r.path}${r.query}` }));
  return fc
    .record({
      path: hostilePath(e.template, valid, 1),
      // A write's query string is not read: junk there only rarely, the body is what matters.
      query: fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: query }),
      body: hostileBodies(e.example.body),
    })
    .map((r) => ({ method: e.method, path: `/api${r.path}${r.query}`, ...withBody(r.body) }));
}
