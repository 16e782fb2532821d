// Hostile requests against every /api route, as a signed-in admin: never a 5xx, and a refused
// request changes no table at all. A small, fixed-seed run; the benchmark sends 10,000 per route.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../../server/admin/audit.ts";
import { createApp } from "../../../server/app.ts";
import { type Fingerprinter, openFingerprinter } from "../../support/db-fingerprint.ts";
import { createFuzzClient, type FuzzClient } from "../../support/fuzz-client.ts";
import {
  describeApi,
  type FuzzEndpoint,
  fuzzEndpoints,
  fuzzRequests,
  registeredRouteKeys,
} from "../../support/fuzz-endpoints.ts";
import { keepSignedIn, prepareFixtures, signInFirstAdmin } from "../../support/fuzz-fixtures.ts";
import { type FuzzTarget, tryRequest } from "../../support/fuzz-run.ts";
import { encodeSegment } from "../../support/fuzz-urls.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/** Fixed, so a failure replays; fast-check prints the seed and path of any counterexample. */
const SEED = 20_250_505;
const RUNS_PER_ENDPOINT = 100;

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

// Set up at collection time: the list of routes to fuzz comes from the live /api/openapi.json.
const server: TestServer = await startTestServer();
const client: FuzzClient = createFuzzClient(server.url);
const adminId = await signInFirstAdmin(client, server.setupUrl().split("#setup=")[1] ?? "");
const fixtures = await prepareFixtures(client, adminId, 60);
const endpoints: FuzzEndpoint[] = fuzzEndpoints(await describeApi(server.url), fixtures);
const prints: Fingerprinter = openFingerprinter(server.at);
const target: FuzzTarget = {
  client,
  prints,
  // In-process, the indexer can be made to catch up: the long table is compared too.
  settle: () => server.system.deps.upkeep.catchUp(),
  ignore: [],
  keepSignedIn: () => keepSignedIn(client, prints, server.at, adminId),
};

afterAll(async () => {
  client.close();
  await prints.close();
  await server.close();
});

it("fuzzes every /api route the app registers, and only those", () => {
  const fuzzed = endpoints.map((e) => e.key).sort();
  expect(fuzzed).toEqual(registeredRouteKeys(createApp(server.system.deps).routes));
});

it("would see a write made while a request runs, but not a session's idle timer", async () => {
  const { storage } = server.system.deps;
  await prints.pin();
  await recordAudit(storage, new Date(), { actor: "fuzzer", action: "test.write" });
  expect((await prints.changesSincePin()).changed).toEqual(["audit_log"]);
  const [session] = await prints.query<{ token_hash: string }>(
    "SELECT token_hash FROM admin_sessions",
  );
  await prints.pin();
  await storage.touchSession(session?.token_hash ?? "", new Date(Date.now() + 1000).toISOString());
  expect(await prints.changesSincePin()).toEqual(expect.objectContaining({ changed: [] }));
});

it("starts each route's mutations from an example the route accepts as well-formed", async () => {
  for (const e of endpoints) {
    const path = e.template.replace(/\{(\w+)\}/g, (_m, name: string) =>
      encodeSegment(e.example.path?.[name]?.[0] ?? ""),
    );
    const query = Object.entries(e.example.query ?? {}).map(
      ([name, values]) => `${name}=${encodeSegment(values[0] ?? "")}`,
    );
    const body = e.example.body
      ? fc.sample(e.example.body, { numRuns: 1, seed: SEED })[0]
      : undefined;
    const answer = await client.send({
      method: e.method,
      path: `/api${path}${query.length > 0 ? `?${query.join("&")}` : ""}`,
      ...(body === undefined
        ? {}
        : { body: Buffer.from(JSON.stringify(body)), contentType: "application/json" }),
    });
    // Well-formed: not malformed (400), of the wrong type (415), invalid (422) or a crash.
    expect([null, 400, 415, 422], `${e.key}: ${JSON.stringify(answer)}`).not.toContain(
      answer.status,
    );
    expect(answer.status ?? 500, e.key).toBeLessThan(500);
  }
});

describe("hostile requests never get a 5xx, and refused ones store nothing", () => {
  it.each(endpoints.map((e, i) => [e.key, e, i] as const))("%s", async (key, e, i) => {
    const statuses = new Set<number | null>();
    await fc.assert(
      fc.asyncProperty(fuzzRequests(e), async (request) => {
        const verdict = await tryRequest(target, key, request);
        statuses.add(verdict.status);
        expect(verdict.problem, key).toBeNull();
      }),
      { numRuns: RUNS_PER_ENDPOINT, seed: SEED + i },
    );
    // Not only refused at the door (malformed, too large, wrong type, head too long).
    const reached = [...statuses].filter((s) => s !== null && ![400, 413, 415, 431].includes(s));
    expect(reached.length, `${key}: ${[...statuses].join(", ")}`).toBeGreaterThan(0);
  });
});

it("left Object.prototype as it was: no prototype key reached a plain object", () => {
  // The server ran in this process, so a polluted prototype would show here.
  const plain: Record<string, unknown> = {};
  for (const key of ["polluted", "isAdmin", "role"]) expect(plain[key], key).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
});
