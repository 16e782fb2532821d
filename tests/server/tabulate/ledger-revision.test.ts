// The publication ledger's revision on a real SQLite server: each write raises it by one, a
// repeated view writes nothing, a write based on an older revision is refused and writes nothing,
// and the results worker reads the ledger again when another writer moved it (issue 16).
import { afterAll, beforeAll, expect, it } from "vitest";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const survey = loadSeedSurvey();
const RESULTS = `/admin/results?survey=${survey.id}`;
const banners = listQuestions(survey)
  .filter((q) => q.kind === "single")
  .map((q) => q.code);
let server: TestServer;
let analyst: Caller;
let version: number;

beforeAll(async () => {
  server = await startTestServer();
  analyst = { cookie: await sessionCookie(server, await addAccount(server, "fenxi", "analyst")) };
  const admin = { cookie: await sessionCookie(server, await addAccount(server, "boss", "admin")) };
  const link = await server.createLink({ label: "县直单位" });
  const boot = await fetch(`${server.url}/api/links/${link.id}/survey`);
  ({ version } = (await boot.json()) as { version: number });
  const random = seededRandom(1616);
  for (const category of ["A", "D", "J"])
    for (let i = 0; i < 10; i++) {
      const body = {
        submissionId: newSubmissionId(),
        version,
        ...randomAnswers(survey, random, category),
      };
      const posted = await postJson(`${server.url}/api/links/${link.id}/responses`, body);
      expect(posted.status).toBe(201);
    }
  const closed = await callAdmin(server, admin, "POST", `/admin/surveys/${survey.id}/state`, {
    state: "closed",
  });
  expect(closed.status).toBe(200);
});
afterAll(() => server.close());

const view = (query: string) => callAdmin(server, analyst, "GET", RESULTS + query);
const storage = () => server.system.deps.storage;
const stored = async () => {
  const ledger = await storage().readLedger(version);
  const partitions = [...ledger.partitions].map(([d, p]) => [d, [...p.classes], p.groups]);
  return { members: ledger.members, partitions, revision: ledger.revision };
};

it("raises the revision with each ledger write, and not at all for a repeated view", async () => {
  expect(await storage().ledgerRevision(version)).toBe(0);
  expect((await view(`&banner=${banners[1]}`)).status).toBe(200);
  const first = await storage().ledgerRevision(version);
  expect(first).toBeGreaterThan(0);
  expect((await server.query("SELECT revision FROM disclosure_revisions"))[0]).toEqual({
    revision: first,
  });
  for (let i = 0; i < 3; i++) expect((await view(`&banner=${banners[1]}`)).status).toBe(200);
  expect(await storage().ledgerRevision(version)).toBe(first);
  expect((await view(`&banner=${banners[2]}`)).status).toBe(200);
  expect(await storage().ledgerRevision(version)).toBeGreaterThan(first);
});

it("refuses a write based on an older revision, writing nothing; applies one on the current", async () => {
  const before = await stored();
  const [member = ["", 0]] = before.members;
  const probe = { classes: Int32Array.from([0, 1]), groups: [[1]] };
  const stale = await storage().writeLedger(
    version,
    [[member[0], 999]],
    "probe",
    probe,
    before.revision - 1,
  );
  expect(stale).toBe("stale");
  expect(await stored()).toEqual(before);
  const applied = await storage().writeLedger(version, [], "probe", probe, before.revision);
  expect(applied).toBe(before.revision + 1);
  const after = await stored();
  expect(after.revision).toBe(before.revision + 1);
  expect(after.members).toEqual(before.members);
  expect(after.partitions).toContainEqual(["probe", [0, 1], [[1]]]);
});

it("reads the ledger again when another writer moved the revision, and keeps what it wrote", async () => {
  // The write above came from outside the worker (as another instance's would): its copy is one
  // behind. It reads the disk again (at the job's start, or after a stale write and a rerun), and
  // its own writes then go on top of the outside one instead of over it.
  const before = await storage().ledgerRevision(version);
  const answer = await view(`&banner=${banners[3]}`);
  expect(answer.status, answer.text.slice(0, 200)).toBe(200);
  expect(await storage().ledgerRevision(version)).toBeGreaterThan(before);
  expect((await stored()).partitions).toContainEqual(["probe", [0, 1], [[1]]]);
});
