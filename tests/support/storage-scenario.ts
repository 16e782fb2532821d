// One script of storage calls, every answer written down: run on SQLite and on PostgreSQL, the two
// transcripts must be equal, call for call (the engines' semantics, compared rather than described).

import type { ResponseToStore } from "../../server/storage/response-store.ts";
import type {
  ResponseFilter,
  ResultsStorage,
  StoredResponse,
} from "../../server/storage/results-reads.ts";
import type { Storage } from "../../server/storage/storage.ts";
import { type Note, officeScenario } from "./storage-scenario-office.ts";

/** The results reads answered later, the response stream collected into a list. */
export type CollectedReads = {
  [K in Exclude<keyof ResultsStorage, "iterateResponses">]: (
    ...args: Parameters<ResultsStorage[K]>
  ) => Promise<ReturnType<ResultsStorage[K]>>;
} & {
  iterateResponses(versionId: number, filter: ResponseFilter): Promise<StoredResponse[]>;
};

const T0 = "2026-11-25T09:30:00.000Z";

export async function runScenario(
  store: Storage,
  reads: CollectedReads,
): Promise<[string, unknown][]> {
  const transcript: [string, unknown][] = [];
  /** Records what a call answered, or that it threw (the engines' messages differ). */
  const note: Note = async (label, call) => {
    try {
      transcript.push([label, await call()]);
    } catch {
      transcript.push([label, "threw"]);
    }
  };

  // Surveys and versions.
  const register = (contentHash: string, makeCurrent: "always" | "if-new", surveyId = "s") =>
    store.registerSurveyVersion({
      surveyId,
      contentHash,
      definition: `{"h":"${contentHash}"}`,
      today: "2026-11-25",
      makeCurrent,
    });
  await note("register v1", () => register("h1", "always"));
  await note("register v1 again", () => register("h1", "if-new"));
  await note("register v2", () => register("h2", "always"));
  await note("register v1 if-new keeps v2", () => register("h1", "if-new"));
  await note("register other survey", () => register("x1", "if-new", "other"));
  await note("current", () => store.currentVersionId("s"));
  await note("current unknown", () => store.currentVersionId("nope"));
  await note("version 1", () => store.getSurveyVersion(1));
  await note("version missing", () => store.getSurveyVersion(99));
  await note("targets empty", () => store.getTargets("s"));
  await note("set targets", () =>
    store.setTargets("s", { total: 1652, categories: { A: 200, B: 40 } }),
  );
  await note("set targets again", () =>
    store.setTargets("s", { total: null, categories: { C: 7 } }),
  );
  await note("targets", () => store.getTargets("s"));

  // Links: every refusal a respondent can meet.
  const link = (id: string, terms: Partial<Parameters<Storage["createLink"]>[0]> = {}) =>
    store.createLink({
      id,
      surveyId: "s",
      channelId: `ch-${id}`,
      label: `标签 ${id}`,
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: T0,
      ...terms,
    });
  await note("link open", () => link("open"));
  await note("link capped", () => link("capped", { cap: 2, lockedCategory: "B" }));
  await note("link paused", () => link("paused", { state: "paused" }));
  await note("link later", () => link("later", { opensAt: "2026-12-01T00:00:00.000Z" }));
  await note("link over", () => link("over", { closesAt: "2026-11-01T00:00:00.000Z" }));
  await note("link other", () => link("othr", { surveyId: "other" }));
  await note("link duplicate", () => link("open"));
  await note("get link", () => store.getLink("capped"));
  await note("get missing link", () => store.getLink("nope"));

  // Codes.
  const batch = (id: string, codes: string[], surveyId = "s") =>
    store.createBatch(
      {
        id,
        surveyId,
        channelId: `ch-${id}`,
        label: `批次 ${id}`,
        lockedCategory: null,
        issued: codes.length,
        createdAt: T0,
      },
      codes,
    );
  await note("batch", () => batch("b1", ["c3", "c1", "c2", "c4"]));
  await note("batch other", () => batch("b2", ["x1", "x2"], "other"));
  await note("batch codes", () => store.batchCodes("b1"));
  await note("revoke codes", () => store.revokeCodes("b1", ["c4", "c4", "x1", "zz"]));
  await note("find c1", () => store.findCode("c1"));
  await note("find c4", () => store.findCode("c4"));
  await note("find unknown", () => store.findCode("zz"));

  // Submissions.
  const item = (
    responseId: string,
    via: ResponseToStore["via"],
    category: string,
    channelId: string,
    text = "意见",
  ): ResponseToStore => ({
    responseId,
    via,
    surveyVersionId: 2,
    channelId,
    category,
    rows: [
      { question: "Q1", option: category, text: null },
      { question: "Q3", option: "A", text: null },
      { question: "Q3", option: "C", text: "其他：说明" },
      { question: "Q9", option: "", text },
    ],
  });
  const viaLink = (id: string) => ({ kind: "link" as const, id });
  const batchOne = [
    ...Array.from({ length: 6 }, (_, i) =>
      item(
        `r-open-${i}`,
        viaLink("open"),
        i % 2 ? "A" : "B",
        "ch-open",
        i < 3 ? "同样" : `第${i}条`,
      ),
    ),
    item("r-cap-1", viaLink("capped"), "B", "ch-capped"),
    item("r-cap-2", viaLink("capped"), "B", "ch-capped"),
    item("r-cap-3", viaLink("capped"), "B", "ch-capped"),
    item("r-paused", viaLink("paused"), "A", "ch-paused"),
    item("r-later", viaLink("later"), "A", "ch-later"),
    item("r-over", viaLink("over"), "A", "ch-over"),
    item("r-nolink", viaLink("nope"), "A", "ch-nope"),
    item("r-code-1", { kind: "code", id: "c1" }, "A", "ch-b1"),
    item("r-code-1b", { kind: "code", id: "c1" }, "A", "ch-b1"),
    item("r-code-4", { kind: "code", id: "c4" }, "A", "ch-b1"),
    item("r-code-zz", { kind: "code", id: "zz" }, "A", "ch-b1"),
    item("r-open-0", viaLink("open"), "B", "ch-open"),
  ];
  await note("store batch", () => store.storeResponses(batchOne, T0));
  await note("store replay", () =>
    store.storeResponses([item("r-open-1", viaLink("open"), "A", "ch-open")], T0),
  );
  await note("has response", () => store.hasResponse("r-cap-2"));
  await note("has no response", () => store.hasResponse("r-cap-3"));
  await note("count responses", () => store.countResponses());
  await note("lower cap below collected", () =>
    store.updateLink({
      id: "capped",
      label: "改名",
      lockedCategory: "B",
      cap: 1,
      opensAt: null,
      closesAt: null,
      state: "open",
    }),
  );
  await note("raise cap", () =>
    store.updateLink({
      id: "capped",
      label: "改名",
      lockedCategory: "B",
      cap: 5,
      opensAt: null,
      closesAt: null,
      state: "open",
    }),
  );
  await note("update missing link", () =>
    store.updateLink({
      id: "nope",
      label: "x",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
    }),
  );
  await note("pause link", () => store.setLinkState("open", "paused"));
  await note("pause missing", () => store.setLinkState("nope", "paused"));
  await note("store paused", () =>
    store.storeResponses([item("r-open-9", viaLink("open"), "A", "ch-open")], T0),
  );
  await note("links", () => store.listLinks());
  await note("batches", () => store.listBatches());
  await note("batch b1", () => store.getBatch("b1"));
  await note("channel labels", async () => [...(await store.channelLabels())].sort());

  // Cohorts, the long table and the reads tabulation makes.
  await note("waiting", () => store.waitingCells());
  await note("counts before release", async () => [...(await store.countByCategory("s"))]);
  await note("release", () =>
    store.releaseCells(
      [
        { versionId: 2, category: "A", channelId: "ch-open" },
        { versionId: 2, category: "B", channelId: "ch-open" },
        { versionId: 2, category: "B", channelId: "ch-capped" },
      ],
      "2026-11-25",
    ),
  );
  await note("release later", () =>
    store.releaseCells([{ versionId: 2, category: "A", channelId: "ch-b1" }], "2026-11-26"),
  );
  await note("pending", () => store.pendingAnswerCount());
  await note("expand 3", () => store.expandPendingAnswers(3));
  await note("expand rest", () => store.expandPendingAnswers(1000));
  await note("expand none", () => store.expandPendingAnswers(1000));
  await note("waiting after", () => store.waitingCells());
  await note("by category", async () => [...(await store.countByCategory("s"))]);
  await note("by channel", async () => [...(await store.countByChannel("s"))]);
  await note("versions", () => store.listVersions());
  // A set: SQLite lists them in its index's order, PostgreSQL sorted; the console sorts by label.
  await note("response channels", async () => (await store.responseChannels(2)).sort());
  await note("response days", () => store.responseDays(2));
  await note("response days none", () => store.responseDays(1));
  await note("released ids", () => reads.releasedIds(2));
  await note("with ids", () => reads.responsesWithIds(["r-cap-2", "r-open-3", "nope"]));
  await note("count options", () => reads.countOptions(2));
  await note("category members", () => reads.categoryMembers(2));
  await note("option members", () => reads.optionMembers(2, "Q3", "C"));
  await note("option texts", async () =>
    [...(await reads.optionTexts(2, "Q9", ""))].map(([c, m]) => [c, [...m]]),
  );
  await note("answered", () => reads.answeredPerCategory(2, "Q3"));
  const filter = (f: Partial<ResponseFilter>): ResponseFilter => ({
    channels: null,
    from: null,
    to: null,
    ...f,
  });
  await note("iterate all", () => reads.iterateResponses(2, filter({})));
  await note("iterate channel", () =>
    reads.iterateResponses(2, filter({ channels: ["ch-capped", "ch-b1"] })),
  );
  await note("iterate day", () => reads.iterateResponses(2, filter({ from: "2026-11-26" })));
  await note("iterate none", () => reads.iterateResponses(2, filter({ channels: [] })));

  // The ledger.
  const classes = Int32Array.from([0, 1, 1, 2]);
  await note("published none", async () => [...(await store.publishedVersions())]);
  await note("write ledger", () =>
    store.writeLedger(
      2,
      [
        ["r-open-0", 1],
        ["r-cap-1", 2],
        ["r-open-3", 3],
      ],
      "main",
      { classes, groups: [[1], [1, 2]] },
      0,
    ),
  );
  await note("write ledger again", () =>
    store.writeLedger(2, [], "main", { classes: Int32Array.from([0, 2, 2, 2]), groups: [[2]] }, 1),
  );
  await note("write ledger twice", () =>
    store.writeLedger(2, [["r-open-0", 9]], "other", { classes, groups: [] }, 2),
  );
  // Based on a revision another writer has moved past: refused, and nothing of it is written.
  await note("write ledger stale", () =>
    store.writeLedger(2, [["r-cap-2", 4]], "stale", { classes, groups: [[1]] }, 1),
  );
  await note("ledger revision", () => store.ledgerRevision(2));
  await note("ledger revision none", () => store.ledgerRevision(1));
  await note("read ledger", async () => {
    const ledger = await store.readLedger(2);
    return {
      members: ledger.members,
      partitions: [...ledger.partitions].map(([d, p]) => [d, [...p.classes], p.groups]),
      revision: ledger.revision,
    };
  });
  await note("published", async () => [...(await store.publishedVersions())]);

  // Closing: codes and links of a closed survey answer alike.
  await note("close", () => store.setSurveyState("s", "closed"));
  await note("state", () => store.surveyState("s"));
  await note("state unknown", () => store.surveyState("nope"));
  await note("find c2 closed", () => store.findCode("c2"));
  await note("store closed", () =>
    store.storeResponses(
      [
        item("r-late-1", viaLink("capped"), "B", "ch-capped"),
        item("r-late-2", { kind: "code", id: "c2" }, "A", "ch-b1"),
      ],
      T0,
    ),
  );
  await note("revoke batch", () => store.revokeBatch("b2"));
  await note("find x2 revoked", () => store.findCode("x2"));
  await note("batches after", () => store.listBatches());

  await officeScenario(store, note);
  return transcript;
}
