// The API is described for scripts: both respondent routes, with the submission schema.
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
  expect(Object.keys(doc.paths).sort()).toEqual([
    "/links/{linkId}/responses",
    "/links/{linkId}/survey",
  ]);
  expect(Object.keys(doc.paths["/links/{linkId}/responses"]?.post?.responses ?? {}).sort()).toEqual(
    ["200", "201", "403", "404", "410", "413", "415", "422"],
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
  ]);
});
