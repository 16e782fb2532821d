// GET /healthz: for load balancers and the operator. Health only: no count, no id, no path. A count
// that moves by one per submission would let anyone who can reach the server time respondents.
import { Hono } from "hono";
import type { MaintenanceStore } from "../storage/storage.ts";

export function healthRoute(storage: Pick<MaintenanceStore, "health">) {
  return new Hono().get("/healthz", async (c) => {
    const database = await storage.health();
    if (database.status !== "ok")
      return c.json(
        { ok: false, database: { status: database.status, reason: database.reason } },
        503,
      );
    return c.json({ ok: true, database: { status: "ok", journalMode: database.journalMode } });
  });
}
