// GET /healthz: for load balancers and the operator. Counts only, never an id or a path.
import { Hono } from "hono";
import type { Storage } from "../storage/storage.ts";

export function healthRoute(storage: Pick<Storage, "health">) {
  return new Hono().get("/healthz", (c) => {
    const database = storage.health();
    if (database.status !== "ok")
      return c.json(
        { ok: false, database: { status: database.status, reason: database.reason } },
        503,
      );
    const { responses, pendingAnswers, journalMode } = database;
    // Top-level counts stay where earlier tooling (the bench, the CI start check) reads them.
    return c.json({ ok: true, responses, pendingAnswers, database: { status: "ok", journalMode } });
  });
}
