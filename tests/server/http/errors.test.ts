// One status per error code, taken from one map: what a client sees for each code, for Hono's own
// exceptions, for a bug, and for each reason a respondent's link or code is refused.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../../../server/domain/error-codes.ts";
import type { EntryUnavailable } from "../../../server/domain/refusals.ts";
import { ERROR_STATUS, handleError, jsonError } from "../../../server/http/errors.ts";
import { refuseEntry } from "../../../server/respondent/entry-refusal.ts";
import { unavailableStatus } from "../../../server/respondent/entry-unavailable.ts";

describe("error codes and statuses", () => {
  it("gives each code the status clients have always seen for it", () => {
    expect(ERROR_STATUS).toEqual({
      malformed: 400,
      unauthorized: 401,
      forbidden: 403,
      link_not_open: 403,
      not_found: 404,
      conflict: 409,
      gone: 410,
      link_unavailable: 410,
      payload_too_large: 413,
      unsupported_media_type: 415,
      invalid: 422,
      too_many_requests: 429,
      internal: 500,
      unavailable: 503,
    });
  });

  it("answers every code with its status and the one envelope", async () => {
    const app = new Hono();
    app.get("/:code", (c) => {
      const code = ERROR_CODES.find((x) => x === c.req.param("code")) ?? "internal";
      return code === "invalid"
        ? jsonError(c, code, "不对", [{ field: "a.b", message: "太长" }])
        : jsonError(c, code, "不对");
    });
    for (const code of ERROR_CODES) {
      const response = await app.request(`/${code}`);
      expect(response.status).toBe(ERROR_STATUS[code]);
      const fields = code === "invalid" ? { fields: [{ field: "a.b", message: "太长" }] } : {};
      expect(await response.json()).toEqual({ error: { code, message: "不对", ...fields } });
    }
  });
});

describe("handleError", () => {
  function appThrowing(error: Error) {
    const lines: string[] = [];
    const app = new Hono();
    app.get("/", () => {
      throw error;
    });
    app.onError((e, c) => handleError(e, c, (line) => lines.push(line)));
    return { app, lines };
  }

  const cases: [ContentfulStatusCode, ErrorCode][] = [
    [400, "malformed"],
    [413, "payload_too_large"],
    [415, "unsupported_media_type"],
    [401, "unauthorized"],
    [404, "not_found"],
  ];
  it.each(cases)("keeps an HTTPException's %i, under its code %s", async (status, code) => {
    const { app, lines } = appThrowing(new HTTPException(status, { message: "x" }));
    const response = await app.request("/");
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(lines).toEqual([]);
  });

  it("answers a bug, or an exception whose status has no code, 500, logged", async () => {
    for (const error of [new TypeError("boom"), new HTTPException(418, { message: "teapot" })]) {
      const { app, lines } = appThrowing(error);
      const response = await app.request("/");
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: { code: "internal", message: "服务器内部错误，请稍后再试" },
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(error.message);
    }
  });
});

describe("a respondent's refusal", () => {
  const expected: [EntryUnavailable, number][] = [
    ["unknown", 404],
    ["code_unusable", 404],
    ["paused", 403],
    ["not_open", 403],
    ["closed", 410],
    ["expired", 410],
    ["full", 410],
    ["used", 410],
    ["revoked", 410],
  ];
  it.each(expected)("%s answers %i, as a page and as JSON", async (reason, status) => {
    expect(unavailableStatus(reason)).toBe(status);
    const app = new Hono();
    app.get("/", (c) => refuseEntry(c, "link", reason));
    expect((await app.request("/")).status).toBe(status);
  });

  it("a code used, revoked or unknown gets one answer: 404 not_found", async () => {
    const app = new Hono();
    const reasons: EntryUnavailable[] = ["used", "revoked", "unknown"];
    app.get("/:reason", (c) =>
      refuseEntry(c, "code", reasons.find((r) => r === c.req.param("reason")) ?? "unknown"),
    );
    const bodies = await Promise.all(
      reasons.map(async (reason) => {
        const response = await app.request(`/${reason}`);
        expect(response.status).toBe(404);
        return response.json();
      }),
    );
    expect(bodies[0].error.code).toBe("not_found");
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });
});
