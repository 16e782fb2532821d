// Issue 12, item 4: the office's main table (category banner, no filter) is always there. It is
// published first at every data state, so other views are checked against it and never the other
// way round; a repeated view (or the download right after it) shows exactly what it showed; and a
// refusal says why. Data arrive as the server releases them: cohorts of at least k per category ×
// channel cell.
import { describe, expect, it } from "vitest";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { times } from "../../support/tabulation-store.ts";
import { storesClosedAfterEach } from "../../support/tabulation-stores.ts";
import { startTestServer } from "../../support/test-server.ts";
import { ask, type Query } from "./published-groups.ts";

const K = 5;
const SURVEY = "political-ecology";
const survey = loadSeedSurvey();
const newStore = storesClosedAfterEach();
const CATEGORIES = ["A", "B", "D", "J"];
const CHANNELS = ["x", "y", "z"];
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"];

/** What a table hid, question by question and column by column: what the analyst sees. */
const shape = (t: Tabulation) =>
  [
    t.columns.map((c) => `${c.key}:${c.n}:${c.hidden}`).join(" "),
    ...t.questions.map((q) => `${q.code}:${q.hidden.map((h) => h ?? "-").join(",")}`),
    ...t.questions.map((q) => `${q.code}:${q.texts.map((x) => (x.texts ? "T" : "-")).join("")}`),
  ].join("\n");

describe("the main table", () => {
  it("is served after any mix of filtered and crossed views, as cohorts arrive (40 sessions)", async () => {
    const random = seededRandom(1212);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
    const store0 = newStore();
    const singles = listQuestions(store0.version.survey)
      .filter((q) => q.kind === "single")
      .map((q) => q.code);
    let refusedMain = 0;
    for (let session = 0; session < 40; session++) {
      const store = session === 0 ? store0 : newStore();
      const ledger = createPublicationLedger();
      for (let day = 0; day < 3; day++) {
        // A release: a few cells, each a cohort of k to k+3.
        for (let cells = 1 + Math.floor(random() * 3); cells > 0; cells--) {
          const spec = { category: pick(CATEGORIES), channel: pick(CHANNELS), day: DAYS[day]! };
          store.add(times(K + Math.floor(random() * 4), spec), random);
        }
        for (let views = 0; views < 3; views++) {
          const query: Query =
            random() < 0.5
              ? { banner: "Q1", channels: [pick(CHANNELS)] }
              : random() < 0.5
                ? { banner: pick(singles) }
                : { banner: "Q1", from: DAYS[day], to: DAYS[day] };
          await ask(store, ledger, query);
        }
        if (!(await ask(store, ledger, { banner: "Q1" })).ok) refusedMain += 1;
      }
    }
    expect(refusedMain).toBe(0);
  });

  it("is served after a channel view published first, for a file where that used to lock it", async () => {
    // Channel x holds all of A; D (2, hidden) came through y. With the x view published first,
    // the main table's A column plus x's total would isolate D's 2: the old planner then hid
    // everything it could and refused the main table for every account.
    const store = newStore();
    const ledger = createPublicationLedger();
    const random = seededRandom(8);
    store.add(
      [
        ...times(20, { category: "A", channel: "x", day: DAYS[0]! }),
        ...times(2, { category: "D", channel: "y", day: DAYS[0]! }),
        ...times(20, { category: "J", channel: "z", day: DAYS[0]! }),
      ],
      random,
    );
    const filtered = await ask(store, ledger, { banner: "Q1", channels: ["x"] });
    const main = await ask(store, ledger, { banner: "Q1" });
    expect(main.ok).toBe(true);
    if (main.ok) expect(main.tabulation.columns.find((c) => c.key === "J")?.n).toBe(20);
    // The x view is what gives D away now (the main table is out first): refused, saying why,
    // and not blaming new responses (none arrived).
    expect(filtered).toMatchObject({ ok: false, field: "channel" });
    if (!filtered.ok) expect(filtered.message).toContain("此前已发布的结果");
    if (!filtered.ok) expect(filtered.message).not.toContain("新增");
  });
});

describe("a repeat shows what it showed", () => {
  it("every banner asked twice, with other banners in between, shows the same both times", async () => {
    const store = newStore();
    const ledger = createPublicationLedger();
    const random = seededRandom(7);
    for (const channel of CHANNELS)
      for (const category of CATEGORIES)
        store.add(
          times(K + Math.floor(random() * 4), { category, channel, day: DAYS[0]! }),
          random,
        );
    const singles = listQuestions(store.version.survey)
      .filter((q) => q.kind === "single")
      .map((q) => q.code);
    const first = new Map<string, string>();
    for (const banner of singles) {
      const outcome = await ask(store, ledger, { banner });
      first.set(banner, outcome.ok ? shape(outcome.tabulation) : `refused: ${outcome.message}`);
    }
    const differing: string[] = [];
    for (const banner of singles) {
      const outcome = await ask(store, ledger, { banner });
      const again = outcome.ok ? shape(outcome.tabulation) : `refused: ${outcome.message}`;
      if (again !== first.get(banner)) differing.push(banner);
    }
    expect(differing).toEqual([]);
  });
});

describe("closing after results were published", () => {
  it("keeps the main table: a category's last few under k are held, not published as a difference", async () => {
    const server = await startTestServer({ env: { SUBMIT_LIMIT_PER_ADDRESS: "0" } });
    try {
      const admin = {
        cookie: await sessionCookie(server, await addAccount(server, "boss", "admin")),
      };
      const link = await server.createLink({ label: "县直单位" });
      const boot = await fetch(`${server.url}/api/links/${link.id}/survey`);
      const { version } = (await boot.json()) as { version: number };
      const random = seededRandom(31);
      const submit = async (category: string) => {
        const body = {
          submissionId: newSubmissionId(),
          version,
          ...randomAnswers(survey, random, category),
        };
        expect((await postJson(`${server.url}/api/links/${link.id}/responses`, body)).status).toBe(
          201,
        );
      };
      for (const category of ["A", "D"]) for (let i = 0; i < 10; i++) await submit(category);
      const view = () => callAdmin(server, admin, "GET", `/admin/results?survey=${SURVEY}`);
      const before = await view();
      expect(before.status).toBe(200);
      // Two late ones in A and six in D, then the office closes the survey.
      for (let i = 0; i < 2; i++) await submit("A");
      for (let i = 0; i < 6; i++) await submit("D");
      const closed = await callAdmin(server, admin, "POST", `/admin/surveys/${SURVEY}/state`, {
        state: "closed",
      });
      expect(closed.status).toBe(200);
      const after = await view();
      expect(after.status, after.text).toBe(200);
      const t = after.body as Tabulation;
      const n = Object.fromEntries(t.columns.map((c) => [c.key, c.n]));
      // D's six went out together (a difference of six); A's two are held: A reads 10 as before.
      expect(n).toMatchObject({ _total: 26, A: 10, D: 16 });
      expect(t.notes.join("")).toContain("2 份");
    } finally {
      await server.close();
    }
  });
});
