// What two instances do at once on one PostgreSQL database: start with the same survey file,
// release and expand the same cohorts, change two accounts, stream a version while the other writes.
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../../server/storage/postgres/pg-storage.ts";
import type { ResponseToStore } from "../../../../server/storage/response-store.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";

const NOW = "2026-11-25T09:30:00.000Z";

describe.skipIf(noPostgres)("two instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let a: PostgresStorage;
  let b: PostgresStorage;
  let versionId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    [a, b] = await Promise.all([
      openPostgresStorage(database.url, { max: 4 }),
      openPostgresStorage(database.url, { max: 4 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await database?.drop();
  });

  it("register the same survey file once when both start with it", async () => {
    const version = {
      surveyId: "s",
      contentHash: "h",
      definition: "{}",
      today: "2026-11-25",
      makeCurrent: "if-new" as const,
    };
    const [first, second] = await Promise.all([
      a.registerSurveyVersion(version),
      b.registerSurveyVersion(version),
    ]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.record).toEqual(second.record);
    expect((await a.listVersions()).length).toBe(1);
    versionId = first.record.id;
  });

  /** n released responses through one new link, in batches of 100. */
  const stored = async (n: number, category = "A") => {
    const link = nanoid();
    await a.createLink({
      id: link,
      surveyId: "s",
      channelId: link,
      label: link,
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: NOW,
    });
    const items: ResponseToStore[] = Array.from({ length: n }, () => ({
      responseId: nanoid(),
      via: { kind: "link", id: link },
      surveyVersionId: versionId,
      channelId: link,
      category,
      rows: [
        { question: "Q1", option: category, text: null },
        { question: "Q2", option: "B", text: null },
      ],
    }));
    for (let i = 0; i < n; i += 100) await a.storeResponses(items.slice(i, i + 100), NOW);
    return { link, items };
  };

  it("release a cell once and expand each response once when both run upkeep together", async () => {
    const { link } = await stored(400, "R");
    const cell = { versionId, category: "R", channelId: link };
    const released = await Promise.all([
      a.releaseCells([cell], "2026-11-25"),
      b.releaseCells([cell], "2026-11-25"),
    ]);
    expect(released[0] + released[1]).toBe(400);
    // Small slices from both at once: SKIP LOCKED gives each its own responses.
    let expanded = 0;
    for (;;) {
      const [x, y] = await Promise.all([a.expandPendingAnswers(30), b.expandPendingAnswers(30)]);
      expanded += x + y;
      if (x + y === 0) break;
    }
    expect(expanded).toBe(400);
    const counts = await a.results.countOptions(versionId);
    expect(counts.filter(([, category]) => category === "R")).toEqual([
      ["Q1", "R", "R", 400],
      ["Q2", "R", "B", 400],
    ]);
  });

  it("never leave no enabled admin when two admins disable each other at once", async () => {
    const admin = (id: string) =>
      a.createAdmin({
        id,
        username: id,
        displayName: id,
        role: "admin",
        passwordHash: "x",
        disabled: false,
        createdAt: NOW,
      });
    await admin("one");
    await admin("two");
    const disable = (store: PostgresStorage, id: string) =>
      store.changeAdmin({
        id,
        version: 0,
        displayName: id,
        role: "admin",
        passwordHash: "x",
        disabled: true,
        endAccess: true,
      });
    const outcomes = await Promise.all([disable(a, "one"), disable(b, "two")]);
    expect(outcomes.sort()).toEqual(["last_admin", null].sort());
    expect(await b.countEnabledAdmins()).toBe(1);
  });

  it("stream a version in bounded chunks, and give the connection back when the reader stops", async () => {
    const { link } = await stored(1_234, "S");
    await a.releaseCells([{ versionId, category: "S", channelId: link }], "2026-11-26");
    const filter = { channels: [link], from: null, to: null };
    const ids: string[] = [];
    for await (const response of b.results.iterateResponses(versionId, filter))
      ids.push(response.id);
    expect(ids.length).toBe(1_234);
    expect(ids).toEqual([...ids].sort());
    let read = 0;
    for await (const _ of b.results.iterateResponses(versionId, filter)) if (++read === 10) break;
    expect(b.pool.idleCount).toBe(b.pool.totalCount);
    expect(b.pool.waitingCount).toBe(0);
  });

  it("show one snapshot its own moment while the other instance commits", async () => {
    const before = await a.countResponses();
    const seen = await b.snapshot(async (snapshot) => {
      const first = await snapshot.releasedIds(versionId);
      const { link } = await stored(50, "T");
      await a.releaseCells([{ versionId, category: "T", channelId: link }], "2026-11-27");
      const again = await snapshot.releasedIds(versionId);
      const streamed: string[] = [];
      for await (const r of snapshot.iterateResponses(versionId, {
        channels: null,
        from: null,
        to: null,
      }))
        streamed.push(r.id);
      return { first, again, streamed };
    });
    expect(seen.again).toEqual(seen.first);
    expect(seen.streamed.length).toBe(seen.first.length);
    expect(await a.countResponses()).toBe(before + 50);
  });

  it("keep storing, releasing and expanding while the other instance rebuilds", async () => {
    const { link, items } = await stored(200, "U");
    const more: ResponseToStore[] = items.map((item) => ({ ...item, responseId: nanoid() }));
    const cell = { versionId, category: "U", channelId: link };
    const [outcomes] = await Promise.all([
      // One at a time, as a steady trickle of phones.
      (async () => {
        const all = [];
        for (const item of more) all.push(...(await a.storeResponses([item], NOW)));
        return all;
      })(),
      (async () => {
        await b.rebuildFile();
        await b.rebuildFile();
      })(),
      (async () => {
        await a.releaseCells([cell], "2026-11-28");
        while ((await a.expandPendingAnswers(20)) > 0);
      })(),
    ]);
    expect(outcomes.every((o) => o.kind === "created")).toBe(true);
    expect((await b.getLink(link))?.completed).toBe(400);
    await a.releaseCells([cell], "2026-11-28");
    while ((await b.expandPendingAnswers(50)) > 0);
    const counts = await a.results.countOptions(versionId);
    expect(counts.filter(([, category]) => category === "U")).toEqual([
      ["Q1", "U", "U", 400],
      ["Q2", "U", "B", 400],
    ]);
    const answers = await a.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM answers WHERE category = 'U'",
    );
    expect(answers.rows[0]?.n).toBe(800);
  });
});
