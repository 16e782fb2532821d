// Two instances on one PostgreSQL database: a cap and a single-use code hold exactly under racing
// submitters, a replayed response is stored once, and crossed batches never deadlock.
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../../server/storage/postgres/pg-storage.ts";
import type { ResponseToStore, StoreOutcome } from "../../../../server/storage/response-store.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";

const NOW = "2026-11-25T09:30:00.000Z";

describe.skipIf(noPostgres)("PostgreSQL under racing submitters, through two pools", () => {
  let database: TestDatabase;
  /** Two storages on one database: what two server instances hold. */
  let instances: [PostgresStorage, PostgresStorage];
  let versionId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Opened together: the second waits for the first's migrations, then finds them applied.
    const [a, b] = await Promise.all([
      openPostgresStorage(database.url, { max: 10 }),
      openPostgresStorage(database.url, { max: 10 }),
    ]);
    instances = [a, b];
    const { record } = await a.registerSurveyVersion({
      surveyId: "s",
      contentHash: "h1",
      definition: "{}",
      today: "2026-11-25",
      makeCurrent: "always",
    });
    versionId = record.id;
  });
  afterAll(async () => {
    await Promise.all((instances ?? []).map((s) => s.close()));
    await database?.drop();
  });

  const newLink = async (cap: number | null) => {
    const id = nanoid();
    await instances[0].createLink({
      id,
      surveyId: "s",
      channelId: `channel-${id}`,
      label: id,
      lockedCategory: null,
      cap,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: NOW,
    });
    return id;
  };
  const response = (via: ResponseToStore["via"], responseId = nanoid()): ResponseToStore => ({
    responseId,
    via,
    surveyVersionId: versionId,
    channelId: `channel-${via.id}`,
    category: "A",
    rows: [{ question: "Q1", option: "A", text: null }],
  });
  /** Call i goes through instance i mod 2, all at once. */
  const race = (calls: ResponseToStore[][]) =>
    Promise.all(calls.map((batch, i) => instances[i % 2 === 0 ? 0 : 1].storeResponses(batch, NOW)));
  const tally = (outcomes: StoreOutcome[]) => {
    const counts = new Map<string, number>();
    for (const o of outcomes) {
      const key = o.kind === "unavailable" ? `unavailable:${o.reason}` : o.kind;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  };

  it("stores exactly 100 of 500 racing a cap-100 link; the rest are refused as full", async () => {
    const link = await newLink(100);
    const outcomes = (
      await race(Array.from({ length: 500 }, () => [response({ kind: "link", id: link })]))
    ).flat();
    expect(tally(outcomes)).toEqual({ created: 100, "unavailable:full": 400 });
    expect((await instances[1].getLink(link))?.completed).toBe(100);
    const stored = await instances[0].pool.query<{ n: number }>(
      `SELECT count(*) AS n FROM responses WHERE channel_id = $1`,
      [`channel-${link}`],
    );
    expect(stored.rows[0]?.n).toBe(100);
  });

  it("stores exactly one of 50 racing one single-use code; the rest find it used", async () => {
    const batchId = nanoid();
    await instances[0].createBatch(
      {
        id: batchId,
        surveyId: "s",
        channelId: `channel-${batchId}`,
        label: "slips",
        lockedCategory: null,
        issued: 3,
        createdAt: NOW,
      },
      ["code-one", "code-two", "code-three"],
    );
    const via = { kind: "code", id: "code-one" } as const;
    const outcomes = (
      await race(
        Array.from({ length: 50 }, () => [{ ...response(via), channelId: `channel-${batchId}` }]),
      )
    ).flat();
    expect(tally(outcomes)).toEqual({ created: 1, "unavailable:used": 49 });
    expect((await instances[1].getBatch(batchId))?.used).toBe(1);
    expect((await instances[0].findCode("code-one"))?.unavailable).toBe("used");
    expect((await instances[0].findCode("code-two"))?.unavailable).toBeNull();
  });

  it("answers a replayed response id as replayed, on the same instance or the other", async () => {
    const link = await newLink(null);
    const once = response({ kind: "link", id: link });
    expect(await instances[0].storeResponses([once], NOW)).toEqual([{ kind: "created" }]);
    expect(await instances[0].storeResponses([once], NOW)).toEqual([{ kind: "replayed" }]);
    expect(await instances[1].storeResponses([once], NOW)).toEqual([{ kind: "replayed" }]);
    // The same new id sent through both at once (a phone retrying on the other instance): one
    // stores it, the other answers replayed, and the link counts it once.
    for (let round = 0; round < 20; round++) {
      const twice = response({ kind: "link", id: link });
      const outcomes = (await race([[twice], [twice]])).flat();
      expect(tally(outcomes)).toEqual({ created: 1, replayed: 1 });
    }
    expect((await instances[0].getLink(link))?.completed).toBe(21);
    expect(await instances[1].hasResponse(once.responseId)).toBe(true);
  });

  it("stores batches naming two links in opposite orders on both instances without a deadlock", async () => {
    const [first, second] = [await newLink(null), await newLink(null)];
    const crossed = Array.from({ length: 40 }, (_, i) => {
      const pair = [response({ kind: "link", id: first }), response({ kind: "link", id: second })];
      return i % 4 < 2 ? pair : pair.reverse();
    });
    const outcomes = await race(crossed);
    expect(tally(outcomes.flat())).toEqual({ created: 80 });
    // Each item's outcome stays in its own place in the batch.
    expect(outcomes.every((o) => o.length === 2)).toBe(true);
  });

  it("gives each item of a batch its own outcome: a refusal does not undo the others", async () => {
    const open = await newLink(null);
    const full = await newLink(1);
    const outcomes = await instances[0].storeResponses(
      [
        response({ kind: "link", id: open }),
        response({ kind: "link", id: full }),
        response({ kind: "link", id: full }),
        response({ kind: "code", id: "no-such-code" }),
        response({ kind: "link", id: "no-such-link" }),
      ],
      NOW,
    );
    expect(outcomes).toEqual([
      { kind: "created" },
      { kind: "created" },
      { kind: "unavailable", reason: "full" },
      { kind: "unavailable", reason: "unknown" },
      { kind: "unavailable", reason: "unknown" },
    ]);
    // A failing item (a version that does not exist breaks its foreign key) rolls back alone.
    const broken = { ...response({ kind: "link", id: open }), surveyVersionId: 999_999 };
    const fine = response({ kind: "link", id: open });
    expect(await instances[1].storeResponses([broken, fine], NOW)).toEqual([
      { kind: "failed" },
      { kind: "created" },
    ]);
    // The failed item's slot went back with it: two created through `open` in all.
    expect((await instances[0].getLink(open))?.completed).toBe(2);
  });
});
