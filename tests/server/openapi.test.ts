// The API is described for scripts: the respondent routes, with the submission schema. (The
// console routes and their roles are checked by tests/server/admin/authorization-matrix.test.ts.)
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it("serves an OpenAPI 3.1 document generated from the request schemas", async () => {
  const response = await fetch(`${server.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  const doc = (await response.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: {
      schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
    };
  };
  expect(doc.openapi).toBe("3.1.0");
  const respondent = Object.keys(doc.paths).filter((p) => !p.startsWith("/admin/"));
  expect(respondent.sort()).toEqual([
    "/codes/{code}/responses",
    "/codes/{code}/survey",
    "/links/{linkId}/challenge",
    "/links/{linkId}/responses",
    "/links/{linkId}/survey",
  ]);
  expect(Object.keys(doc.paths["/links/{linkId}/responses"]?.post?.responses ?? {}).sort()).toEqual(
    ["200", "201", "403", "404", "410", "413", "415", "422", "429"],
  );
  const submission = doc.components.schemas.Submission;
  expect(submission?.required).toEqual(
    expect.arrayContaining(["submissionId", "version", "answers"]),
  );
  expect(Object.keys(submission?.properties ?? {})).toEqual([
    "submissionId",
    "version",
    "answers",
    "otherText",
    "proofOfWork",
  ]);
});
