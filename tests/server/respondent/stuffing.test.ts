// Ballot stuffing through one open link (issue 12, item 5): one address stores at most
// SUBMIT_LIMIT_PER_ADDRESS a minute, a 429 says when to come back and stores nothing, and the
// address is counted in memory only. The clock (Date) is frozen so windows are exact.
import { readFileSync } from "node:fs";
import { afterEach, expect, test, vi } from "vitest";
import { configProblem, readConfig } from "../../../server/config.ts";
import type { TestServer } from "../../support/test-server.ts";
import { startMini, submitMany, submitOnce, versionOf } from "./stuffing-kit.ts";

/** A multiple of 10 s, so the limiter's windows start exactly here. */
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const statuses = (sent: { status: number }[]) => sent.map((s) => s.status);
const count = (sent: { status: number }[], status: number) =>
  sent.filter((s) => s.status === status).length;

test("one address stores at most the configured rate; a 429 has Retry-After, the envelope, and stores nothing; no address is kept", {
  timeout: 60_000,
}, async () => {
  server = await startMini({ SUBMIT_LIMIT_PER_ADDRESS: "60" });
  const link = await server.createLink({ surveyId: "mini" });
  const version = await versionOf(server, link.id);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);

  const first = await submitMany(server, link.id, version, 30);
  // 60 a minute is 10 per 10-second window.
  expect(count(first, 201)).toBe(10);
  expect(count(first, 429)).toBe(20);
  expect(await server.countResponses()).toBe(10);
  for (const refused of first.filter((s) => s.status === 429)) {
    expect(refused.retryAfter).toBe("10");
    expect(refused.body).toMatchObject({
      error: { code: "too_many_requests", message: expect.stringContaining("排队") },
    });
  }

  // The rest of the minute: never more than 60 stored from this address.
  for (let s = 1; s < 6; s++) {
    vi.setSystemTime(T0 + s * 10_000 + 500);
    expect(count(await submitMany(server, link.id, version, 30), 201)).toBe(10);
  }
  expect(await server.countResponses()).toBe(60);
  vi.setSystemTime(T0 + 59_999);
  expect(statuses(await submitMany(server, link.id, version, 5))).toEqual([
    429, 429, 429, 429, 429,
  ]);
  expect(await server.countResponses()).toBe(60);

  // Counted per address in memory only: the address is in no row, no file and no log line.
  const rows = await server.everything();
  await server.close();
  const sqlite = server.dbPath;
  const files = (sqlite === undefined ? [] : ["", "-wal", "-shm"]).map((suffix) => {
    try {
      return readFileSync(`${sqlite}${suffix}`).toString("latin1");
    } catch {
      return "";
    }
  });
  for (const text of [rows, ...files, server.logs.join("\n")])
    expect(text).not.toContain("127.0.0.1");
  server = undefined;
});

test("with the default limit, one address firing without pause cannot fill a cap-200 link within a minute", {
  timeout: 60_000,
}, async () => {
  const limit = readConfig({}).submitLimitPerAddress;
  server = await startMini({ SUBMIT_LIMIT_PER_ADDRESS: String(limit) });
  const link = await server.createLink({ surveyId: "mini", cap: 200 });
  const version = await versionOf(server, link.id);
  vi.useFakeTimers({ toFake: ["Date"] });
  // The worst start: just before a window boundary, so two windows' worth land almost at once.
  const start = T0 - 1;
  for (let t = 0; t < 60_000; t += 2_000) {
    vi.setSystemTime(start + t);
    await submitMany(server, link.id, version, 25);
  }
  const stored = await server.countResponses();
  expect(stored).toBeLessThan(200);
  expect(stored).toBeLessThanOrEqual(Math.ceil((limit * 7) / 6));
  expect(stored).toBeGreaterThan(0);
});

test("SUBMIT_LIMIT_PER_ADDRESS: 0 turns the limit off, a bad value refuses to start, the default is 120", {
  timeout: 60_000,
}, async () => {
  expect(readConfig({}).submitLimitPerAddress).toBe(120);
  expect(readConfig({ SUBMIT_LIMIT_PER_ADDRESS: "0" }).submitLimitPerAddress).toBe(0);
  for (const bad of ["-1", "1.5", "abc", ""]) {
    expect(configProblem(readConfig({ SUBMIT_LIMIT_PER_ADDRESS: bad }))).toMatch(
      /^SUBMIT_LIMIT_PER_ADDRESS must be a whole number/,
    );
  }
  server = await startMini({ SUBMIT_LIMIT_PER_ADDRESS: "0" });
  const link = await server.createLink({ surveyId: "mini" });
  const version = await versionOf(server, link.id);
  expect(count(await submitMany(server, link.id, version, 150), 201)).toBe(150);
  expect(await server.countResponses()).toBe(150);
  expect((await submitOnce(server, link.id, version)).status).toBe(201);
});
