// The results worker's reads on either engine: the SQLite reader streams in bounded chunks in the
// one-pass statement's order, a snapshot holds while the server commits, both engines tabulate and
// number the ledger alike, and the main table a first filtered view publishes reaches the disk.
import type { Readable } from "node:stream";
import { utils } from "@e965/xlsx";
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FromWorker } from "../../../server/export/worker/results-messages.ts";
import { createResultsPool } from "../../../server/export/worker/results-pool.ts";
import { runJob, type WorkerContext } from "../../../server/export/worker/run-job.ts";
import { toAnswerRows } from "../../../server/respondent/answer-rows.ts";
import { openPgResultsReader } from "../../../server/storage/postgres/pg-results-reader.ts";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../server/storage/postgres/pg-storage.ts";
import type { ResponseFilter, ResultsReader } from "../../../server/storage/results-store.ts";
import { openResultsReader } from "../../../server/storage/sqlite-results.ts";
import type { Storage } from "../../../server/storage/storage.ts";
import { newVersion } from "../../../server/surveys/survey-catalog.ts";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { TabulationRequest } from "../../../server/tabulate/tabulate.ts";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../support/pg-database.ts";
import { seededRandom } from "../../support/random-answers.ts";
import {
  type Generated,
  openTabulationStore,
  seedSurveyInput,
  times,
} from "../../support/tabulation-store.ts";
import { readWorkbook } from "../export/read-back.ts";

const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"];
const ALL: ResponseFilter = { channels: null, from: null, to: null };
const random = seededRandom(1616);
const store = openTabulationStore();
const versionId = store.version.id;

beforeAll(() => {
  // 2,400 responses, over two chunks of the stream; and 3 through a channel of their own.
  for (const category of ["A", "D", "J", "K"])
    for (const channel of ["x", "y"])
      for (const day of DAYS) store.add(times(100, { category, channel, day }), random);
  store.add(times(3, { category: "A", channel: "tiny", day: DAYS[0]! }), random);
});
afterAll(() => store.close());

const request = (
  banner: string | undefined,
  filter = ALL,
  version = store.version,
): TabulationRequest => ({
  version,
  state: "open",
  banner,
  filter,
  asOf: "2026-11-25",
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of stream) all.push(item);
  return all;
}

/** A worker's job state, as results-thread.ts builds it, with what the job posts kept. */
function workerOn(reader: ResultsReader) {
  const posted: FromWorker[] = [];
  const context: WorkerContext = {
    reader,
    ledger: createPublicationLedger({
      writeLedger: (versionId, fresh, domain, partition, basedOn) => {
        context.writes.push({
          versionId,
          fresh: fresh.map(([id, n]) => [id, n]),
          domain,
          partition,
          basedOn,
        });
      },
    }),
    writes: [],
    post: (message) => posted.push(message),
  };
  return { context, posted };
}

describe("the SQLite reader", () => {
  it("streams what the one-pass statement reads, in its order, chunk after chunk", async () => {
    const reader = openResultsReader(store.dbPath);
    try {
      const filters: ResponseFilter[] = [
        ALL,
        { channels: ["x", "tiny"], from: null, to: null },
        { channels: null, from: DAYS[1]!, to: DAYS[2]! },
        { channels: [], from: null, to: null },
      ];
      for (const filter of filters)
        expect(await collect(reader.iterateResponses(versionId, filter))).toEqual([
          ...store.storage.iterateResponses(versionId, filter),
        ]);
      // No statement stays open between chunks: the connection answers others mid-stream.
      let read = 0;
      for await (const _ of reader.iterateResponses(versionId, ALL))
        if (++read % 700 === 0) expect(await reader.categoryMembers(versionId)).toHaveLength(4);
      expect(read).toBe(store.generated.length);
      expect(read).toBeGreaterThan(2000);
    } finally {
      await reader.close();
    }
  });

  it("holds one snapshot while the server releases more", async () => {
    const reader = openResultsReader(store.dbPath);
    try {
      const before = store.generated.length;
      const counts = await reader.snapshot(async (snapshot) => {
        const first = (await collect(snapshot.iterateResponses(versionId, ALL))).length;
        store.add(times(5, { category: "J", channel: "y", day: DAYS[2]! }), random);
        return [first, (await snapshot.releasedIds(versionId)).length];
      });
      expect(counts).toEqual([before, before]);
      expect(await reader.releasedIds(versionId)).toHaveLength(before + 5);
    } finally {
      await reader.close();
    }
  });

  it("records the main table that a first filtered view published, ordinals and all", async () => {
    // A store of its own: the ledger it writes would make the engines' ledgers differ below.
    const own = openTabulationStore();
    const reader = openResultsReader(own.dbPath);
    try {
      for (const category of ["A", "D", "J"])
        own.add(times(20, { category, channel: "x", day: DAYS[0]! }), random);
      own.add(times(3, { category: "A", channel: "tiny", day: DAYS[0]! }), random);
      const { context, posted } = workerOn(reader);
      const tiny = { channels: ["tiny"], from: null, to: null };
      for (const [id, asked] of [
        request("Q2", ALL, own.version),
        request(undefined, tiny, own.version),
      ].entries())
        await runJob(context, {
          type: "run",
          id,
          request: asked,
          channelLabels: [],
          download: null,
        });
      expect(posted.map((m) => m.type)).toEqual(["tabulated", "refused"]);
      const writes = posted.flatMap((m) => ("writes" in m ? m.writes : []));
      // Every released response got its ordinal from the main table, and each reached the disk.
      expect(writes.flatMap((w) => w.fresh)).toHaveLength(63);
      for (const w of writes)
        await own.stores.writeLedger(w.versionId, w.fresh, w.domain, w.partition, w.basedOn);
      const restarted = createPublicationLedger({ writeLedger: () => {} });
      await reader.snapshot((snapshot) => restarted.load(own.version.id, snapshot));
      const ids = own.generated.map((g) => g.id);
      expect(ids.map(restarted.ordinalOf(own.version.id))).toEqual(
        ids.map(context.ledger.ordinalOf(own.version.id)),
      );
    } finally {
      await reader.close();
      own.close();
    }
  });
});

/** Stores and releases `generated` as tabulation-store.ts did, through any engine's Storage. */
async function replay(target: Storage, linkId: string, generated: Generated[]) {
  for (const day of new Set(generated.map((g) => g.day))) {
    const onDay = generated.filter((g) => g.day === day);
    const batch = onDay.map((g) => ({
      responseId: g.id,
      via: { kind: "link" as const, id: linkId },
      surveyVersionId: versionId,
      channelId: g.channel,
      category: g.category,
      rows: toAnswerRows(store.version.survey, g.answers, g.otherText, g.locked),
    }));
    for (let at = 0; at < batch.length; at += 500)
      await target.storeResponses(batch.slice(at, at + 500), new Date().toISOString());
    const cells = new Map(onDay.map((g) => [`${g.category}\u0000${g.channel}`, g]));
    const released = [...cells.values()].map((g) => ({
      versionId,
      category: g.category,
      channelId: g.channel,
    }));
    await target.releaseCells(released, day);
  }
  while ((await target.expandPendingAnswers(1000)) > 0);
}

describe.skipIf(noPostgres)("the PostgreSQL reader, beside the SQLite one", () => {
  let database: TestDatabase;
  let pg: PostgresStorage;
  const linkId = nanoid();

  beforeAll(async () => {
    database = await createTestDatabase();
    pg = await openPostgresStorage(database.url, { max: 4 });
    const parsed = parseSurvey(seedSurveyInput(), "seed");
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const { record } = await pg.registerSurveyVersion(
      newVersion(parsed.survey, "2026-11-25", "always"),
    );
    expect(record.id).toBe(versionId);
    await pg.createLink({
      id: linkId,
      surveyId: record.surveyId,
      channelId: "t",
      label: "t",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: new Date().toISOString(),
    });
    await replay(pg, linkId, store.generated);
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
    await database?.drop();
  });

  it("tabulates every view as SQLite does, and numbers the ledger alike", async () => {
    const readers = [openResultsReader(store.dbPath), openPgResultsReader(database.url)];
    try {
      const [sqlite, postgres] = readers.map(workerOn);
      const views: TabulationRequest[] = [
        request("Q2"),
        request(undefined),
        request(undefined, { channels: ["x"], from: null, to: null }),
        request("Q18", { channels: null, from: DAYS[1]!, to: null }),
        request(undefined, { channels: ["tiny"], from: null, to: null }),
      ];
      for (const [id, view] of views.entries())
        for (const { context } of [sqlite!, postgres!])
          await runJob(context, {
            type: "run",
            id,
            request: view,
            channelLabels: [],
            download: null,
          });
      expect(postgres!.posted.map((m) => m.type)).toEqual([
        "tabulated",
        "tabulated",
        "tabulated",
        "tabulated",
        "refused",
      ]);
      expect(postgres!.posted).toEqual(sqlite!.posted);
      const ids = store.generated.map((g) => g.id);
      expect(ids.map(postgres!.context.ledger.ordinalOf(versionId))).toEqual(
        ids.map(sqlite!.context.ledger.ordinalOf(versionId)),
      );
    } finally {
      await Promise.all(readers.map((reader) => reader.close()));
    }
  });

  it("holds one snapshot while the server releases more", async () => {
    const reader = openPgResultsReader(database.url);
    try {
      const before = store.generated.length;
      const counts = await reader.snapshot(async (snapshot) => {
        const first = (await collect(snapshot.iterateResponses(versionId, ALL))).length;
        store.add(times(5, { category: "D", channel: "x", day: DAYS[2]! }), random);
        await replay(pg, linkId, store.generated.slice(before));
        return [first, (await snapshot.releasedIds(versionId)).length];
      });
      expect(counts).toEqual([before, before]);
      expect(await reader.releasedIds(versionId)).toHaveLength(before + 5);
    } finally {
      await reader.close();
    }
  });

  it("runs in the worker thread given { databaseUrl }: views, a refusal and a download", async () => {
    const logged: string[] = [];
    const pool = createResultsPool({
      databaseUrl: database.url,
      catchUp: async () => {},
      persist: (w) => pg.writeLedger(w.versionId, w.fresh, w.domain, w.partition, w.basedOn),
      log: (line) => logged.push(line),
    });
    try {
      const tiny = request(undefined, { channels: ["tiny"], from: null, to: null });
      expect(await pool.run(tiny, ["tiny"], null)).toMatchObject({ ok: false, field: "channel" });
      // The refusal came after the main table was published: that is on disk.
      const released = store.generated.length;
      expect((await pg.readLedger(versionId)).members).toHaveLength(released);
      const view = await pool.run(request(undefined), [], null);
      if (!view.ok || view.view === null) throw new Error("no view");
      expect(JSON.parse(view.view)).toMatchObject({ respondents: released });
      const download = await pool.run(request(undefined), [], "xlsx");
      if (!download.ok || !download.file) throw new Error("no file");
      const sheet = readWorkbook(await bytesOf(download.file)).Sheets.原始数据;
      if (!sheet) throw new Error("no raw data sheet");
      const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      const header = rows.findIndex((row) => row.includes("类别代码"));
      // K is shown too (600 of it): every released response is a row.
      expect(rows.length - header - 1).toBe(released);
      expect(logged).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

async function bytesOf(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
