// GET /healthz says whether the database answers, and nothing else (no count to time submissions
// by); 503 once it cannot.
import { afterAll, beforeAll, expect, it } from "vitest";
import { healthRoute } from "../../../server/http/health-route.ts";
import { openPostgresStorage } from "../../../server/storage/postgres/pg-storage.ts";
import { openSqliteStorage } from "../../../server/storage/sqlite-storage.ts";
import {
  createTestStore,
  dropTestStore,
  startTestServer,
  type TestServer,
} from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it("reports ok and the database status, and no count", async () => {
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(await response.json()).toEqual({
    ok: true,
    database: { status: "ok", journalMode: "wal" },
  });
});

it("answers 503 once the database is closed, without the file's path or the database's name", async () => {
  const store = await createTestStore();
  const storage =
    store.engine === "sqlite"
      ? openSqliteStorage(store.dbPath)
      : await openPostgresStorage(store.database.url, { max: 1 });
  const route = healthRoute(storage);
  expect((await route.request("/healthz")).status).toBe(200);
  await storage.close();
  const response = await route.request("/healthz");
  expect(response.status).toBe(503);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({
    ok: false,
    database: {
      status: "unavailable",
      // PostgreSQL's driver says it in its own words (that the pool was ended).
      reason: store.engine === "sqlite" ? "the database is closed" : expect.any(String),
    },
  });
  expect(body).not.toContain(store.engine === "sqlite" ? store.dir : store.database.name);
  await dropTestStore(store);
});
