// The bench baseline: a bare Hono app that stores each JSON body as one row, autocommit.
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";

const db = new Database(process.env.DATABASE_PATH ?? ":memory:");
// NORMAL in WAL mode skips the fsync per commit: the cheapest store, to price the durable server.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec("CREATE TABLE IF NOT EXISTS responses (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
const insert = db.prepare<{ body: string }>("INSERT INTO responses (body) VALUES (@body)");

const app = new Hono();
app.get("/healthz", (c) => c.json({ ok: true }));
app.post("/api/links/:linkId/responses", async (c) => {
  const body: unknown = await c.req.json();
  if (typeof body !== "object" || body === null) return c.json({ error: "not an object" }, 422);
  insert.run({ body: JSON.stringify(body) });
  return c.json({ stored: true }, 201);
});

const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 3001),
  hostname: process.env.HOST ?? "127.0.0.1",
});
process.on("SIGTERM", () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
});
