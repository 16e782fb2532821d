// After the rebuild, nothing PostgreSQL keeps of a response (heap order, index leaf order, TOAST
// value ids, transaction ids) follows the order people answered in; before it, the heap does.
import { randomBytes } from "node:crypto";
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildInKeyOrder } from "../../../../server/storage/postgres/pg-rebuild.ts";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../../server/storage/postgres/pg-storage.ts";
import { LOCKS, PROGRAM_LOCK } from "../../../../server/storage/postgres/pg-transaction.ts";
import type { WaitingCell } from "../../../../server/storage/response-store.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";
import {
  type Holder,
  heapOrder,
  indexLeafOrder,
  indexLeafPlaces,
  orderCorrelation,
  toastValueIds,
} from "../../../support/pg-physical-order.ts";
import { limit, measurePhysicalOrder } from "../../../support/physical-order.ts";

const NOW = "2026-11-25T09:30:00.000Z";
const DAY = "2026-11-25";
const N = 300;
const K = 5;

/** Every table holding response ids, with the column that holds them. */
const HOLDERS: Holder[] = [
  { table: "responses", column: "id" },
  { table: "answers_pending", column: "response_id" },
  { table: "answers", column: "response_id" },
  { table: "disclosure_members", column: "response_id" },
];
/** Every index over those tables (each holds response ids, in its key or as heap pointers). */
const INDEXES: [string, Holder][] = [
  ["responses_pkey", { table: "responses", column: "id" }],
  ["responses_by_category", { table: "responses", column: "id" }],
  ["responses_waiting", { table: "responses", column: "id" }],
  ["answers_pending_pkey", { table: "answers_pending", column: "response_id" }],
  ["answers_pkey", { table: "answers", column: "response_id" }],
  ["answers_texts", { table: "answers", column: "response_id" }],
  ["disclosure_members_pkey", { table: "disclosure_members", column: "response_id" }],
];

/** Everything the stores answer about the responses, to compare before and after the rebuild. */
async function contents(store: PostgresStorage) {
  const answers = await store.pool.query(
    "SELECT * FROM answers ORDER BY survey_version_id, question, category, option, response_id",
  );
  return {
    count: await store.countResponses(),
    waiting: await store.waitingCells(),
    pending: await store.pendingAnswerCount(),
    counts: await store.results.countOptions(1),
    members: await store.results.categoryMembers(1),
    responses: await store.results.responsesWithIds([...(await store.results.releasedIds(1))]),
    answers: answers.rows,
    ledger: await store.readLedger(1),
    link: await store.listLinks(),
  };
}

describe.skipIf(noPostgres)("the PostgreSQL rebuild and arrival order", () => {
  let database: TestDatabase;
  let instances: [PostgresStorage, PostgresStorage];
  const arrival = new Map<string, number>();
  /** What the stores answer before the rebuild: the same after it. */
  let kept: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    instances = [
      await openPostgresStorage(database.url, { max: 4 }),
      await openPostgresStorage(database.url, { max: 4 }),
    ];
    const [store] = instances;
    // pageinspect reads index pages and raw tuples (superuser, as the insider with the files is).
    await store.pool.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
    const { record } = await store.registerSurveyVersion({
      surveyId: "s",
      contentHash: "h",
      definition: "{}",
      today: DAY,
      makeCurrent: "always",
    });
    const linkId = nanoid();
    await store.createLink({
      id: linkId,
      surveyId: "s",
      channelId: "c",
      label: "link",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: NOW,
    });
    // What upkeep does as a burst comes in: each cell released once K wait, the released
    // expanded at once (but not the last 60 arrivals'), and results published now and then.
    const waiting = new Map<string, number>();
    let published = 0;
    const released: string[] = [];
    for (let i = 0; i < N; i++) {
      const id = nanoid();
      arrival.set(id, i);
      const category = ["A", "B", "C"][i % 3] ?? "A";
      // Every other response carries a long, incompressible text: stored out of line (TOAST).
      const text = i % 2 === 0 ? randomBytes(6_000).toString("base64") : "short";
      const outcome = await store.storeResponses(
        [
          {
            responseId: id,
            via: { kind: "link", id: linkId },
            surveyVersionId: record.id,
            channelId: "c",
            category,
            rows: [
              { question: "Q1", option: category, text: null },
              { question: "Q2", option: "", text },
            ],
          },
        ],
        NOW,
      );
      expect(outcome).toEqual([{ kind: "created" }]);
      waiting.set(category, (waiting.get(category) ?? 0) + 1);
      // The last dozen arrivals' cells are left waiting (under K, or not yet released).
      if ((waiting.get(category) ?? 0) === K && i < N - 12) {
        const cell: Omit<WaitingCell, "waiting"> = {
          versionId: record.id,
          category,
          channelId: "c",
        };
        expect(await store.releaseCells([cell], DAY)).toBe(K);
        waiting.set(category, 0);
        if (i < N - 60) await store.expandPendingAnswers(Number.POSITIVE_INFINITY);
        const { rows } = await store.pool.query<{ id: string }>(
          "SELECT id FROM responses WHERE released_on IS NOT NULL",
        );
        for (const { id: r } of rows) if (!released.includes(r)) released.push(r);
      }
      if (i % 50 === 49) {
        const fresh = released
          .slice(published)
          .map((r, j): [string, number] => [r, published + j + 1]);
        const classes = new Int32Array(released.length + 1);
        const basedOn = await store.ledgerRevision(record.id);
        await store.writeLedger(record.id, fresh, "main", { classes, groups: [] }, basedOn);
        published = released.length;
      }
    }
    kept = await contents(store);
  });
  afterAll(async () => {
    await Promise.all((instances ?? []).map((s) => s.close()));
    await database?.drop();
  });

  it("holds arrival order in the heap before the rebuild, and none in any table, index or TOAST id after", async () => {
    const [store, other] = instances;
    const pool = store.pool;
    const before = orderCorrelation(
      await heapOrder(pool, { table: "responses", column: "id" }),
      arrival,
    );
    expect(before.n).toBe(N);
    // Far above the bound: the test can tell a heap in arrival order.
    expect(Math.abs(before.rho)).toBeGreaterThan(0.9);
    const toastedBefore = await toastValueIds(pool, "responses", "id", "answers");
    expect(toastedBefore.length).toBe(N / 2);
    const toastBefore = orderCorrelation(
      [...toastedBefore].sort((a, b) => a.valueId - b.valueId).map((t) => t.id),
      arrival,
    );
    expect(Math.abs(toastBefore.rho)).toBeGreaterThan(0.9);
    const report: string[] = [
      `before: responses heap ρ=${before.rho.toFixed(3)}, TOAST ids ρ=${toastBefore.rho.toFixed(3)}`,
    ];
    // Every other table too follows arrival before (cohort by cohort): each check below can fail.
    for (const holder of HOLDERS.slice(1)) {
      const c = orderCorrelation(await heapOrder(pool, holder), arrival);
      report.push(`before: ${holder.table} heap ρ=${c.rho.toFixed(3)} (n=${c.n})`);
      expect(Math.abs(c.rho), `${holder.table} heap before`).toBeGreaterThan(c.limit);
    }
    // Index tuples sit in their pages in the order they were written: the measure can tell.
    let orderedBefore = 0;
    for (const [index, holder] of INDEXES) {
      const { order, dead } = await indexLeafOrder(pool, index, holder);
      const c = orderCorrelation(order, arrival);
      const m = measurePhysicalOrder(await indexLeafPlaces(pool, index, holder, arrival));
      report.push(
        `before: ${index} leaves ρ=${c.rho.toFixed(3)} (n=${c.n}, ${dead} to old versions), by place ${m.global.toFixed(3)}, within pages ${m.withinPages.toFixed(3)} (${m.pooledN})`,
      );
      if (Math.abs(m.withinPages) > limit(m.pooledN)) orderedBefore += 1;
      if (index === "responses_by_category")
        expect(m.withinPages).toBeGreaterThan(limit(m.pooledN));
    }
    expect(orderedBefore).toBeGreaterThan(INDEXES.length / 2);

    // Both instances rebuild at once: one does it, the other finds it under way and skips.
    await Promise.all([store.rebuildFile(), other.rebuildFile()]);

    for (const holder of HOLDERS) {
      const c = orderCorrelation(await heapOrder(pool, holder), arrival);
      report.push(
        `after: ${holder.table} heap ρ=${c.rho.toFixed(3)} (n=${c.n}, bound ${c.limit.toFixed(3)})`,
      );
      expect(Math.abs(c.rho), `${holder.table} heap`).toBeLessThan(c.limit);
    }
    for (const [index, holder] of INDEXES) {
      const { order, dead } = await indexLeafOrder(pool, index, holder);
      expect(dead, `${index} entries for old versions`).toBe(0);
      const c = orderCorrelation(order, arrival);
      report.push(
        `after: ${index} leaves ρ=${c.rho.toFixed(3)} (n=${c.n}, bound ${c.limit.toFixed(3)})`,
      );
      expect(Math.abs(c.rho), `${index} leaves`).toBeLessThan(c.limit);
      // Placed as SQLite's cells are measured: by page, and by byte offset within each page.
      const m = measurePhysicalOrder(await indexLeafPlaces(pool, index, holder, arrival));
      report.push(
        `after: ${index} by place ${m.global.toFixed(3)}, within pages ${m.withinPages.toFixed(3)} (${m.pooledN}, bound ${limit(m.pooledN).toFixed(3)})`,
      );
      expect(Math.abs(m.global), `${index} by place`).toBeLessThan(limit(m.n));
      expect(Math.abs(m.withinPages), `${index} within pages`).toBeLessThan(limit(m.pooledN));
    }
    const toasted = await toastValueIds(pool, "responses", "id", "answers");
    expect(toasted.length).toBe(N / 2);
    const toast = orderCorrelation(
      [...toasted].sort((a, b) => a.valueId - b.valueId).map((t) => t.id),
      arrival,
    );
    report.push(
      `after: responses TOAST ids ρ=${toast.rho.toFixed(3)} (bound ${toast.limit.toFixed(3)})`,
    );
    expect(Math.abs(toast.rho)).toBeLessThan(toast.limit);
    // One inserting transaction and one statement for every row naming a response: neither xmin
    // nor cmin tells a waiting response's submission, or a released one's cohort, any more.
    for (const { table } of HOLDERS.filter((h) => h.table !== "answers")) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(DISTINCT (xmin::text, cmin::text)) AS n FROM ${table}`,
      );
      expect(rows[0]?.n, `${table} xmin`).toBe(1);
    }
    console.log(report.join("\n"));
  });

  it("keeps every row as it was", async () => {
    const [store] = instances;
    const now = await contents(store);
    expect(now).toEqual(kept);
    expect(now.count).toBe(N);
    expect(now.waiting.reduce((sum, cell) => sum + cell.waiting, 0)).toBe(15);
    expect(now.pending).toBeGreaterThan(0);
    expect(now.ledger.members.length).toBeGreaterThan(0);
  });

  it("skips the rebuild while another instance holds its lock", async () => {
    const [store, other] = instances;
    const holder = await other.pool.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1, $2)", [PROGRAM_LOCK, LOCKS.rebuild]);
      expect(await rebuildInKeyOrder(store.pool)).toBe(false);
      await holder.query("SELECT pg_advisory_unlock($1, $2)", [PROGRAM_LOCK, LOCKS.rebuild]);
      expect(await rebuildInKeyOrder(store.pool)).toBe(true);
    } finally {
      holder.release();
    }
  });
});
