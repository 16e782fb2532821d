// Attack 2: a distributor renames a link before each submission ("企业 19:07:43"), so that each
// stored response carries the time it arrived in its channel label, and the labels reach the
// analyst's channel list. A response now stores the channel's id, fixed when the link was made:
// no console action changes what is stored with a response.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type InsiderServer, startInsiderServer, within } from "../../support/insider-server.ts";
import { btreeEntries, readDatabaseFile, walFrameCount } from "../../support/sqlite-file.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";

const survey = loadSeedSurvey();
const stamp = (i: number) => `企业 19:07:${String(40 + i).padStart(2, "0")}`;
const SUBMISSIONS = 6;
let server: InsiderServer;
let linkId: string;
const ids: string[] = [];

beforeAll(async () => {
  server = await startInsiderServer();
  linkId = await server.createLink("企业");
  for (let i = 0; i < SUBMISSIONS; i++) {
    const renamed = await server.api("PATCH", `/admin/links/${linkId}`, { label: stamp(i) });
    expect(renamed.status).toBe(200);
    const sent = await server.submit({ link: linkId }, fullAnswers(survey, "K"));
    expect(sent.status).toBe(201);
    ids.push(sent.responseId);
  }
  expect((await server.api("PATCH", `/admin/links/${linkId}`, { label: "企业" })).status).toBe(200);
});
afterAll(() => server.stop());

it("stores no label with any response: the file's response B-trees hold none of the stamps", async () => {
  // Once the file is quiet (log folded in), read every B-tree that holds these responses.
  expect(await within(60_000, () => walFrameCount(server.dbPath) === 0)).not.toBeNull();
  const file = readDatabaseFile(server.dbPath);
  const stamps = Array.from({ length: SUBMISSIONS }, (_, i) => stamp(i));
  const holding: string[] = [];
  for (const { name, type } of file.schema) {
    if (type !== "table" && type !== "index") continue;
    for (const entry of btreeEntries(file, name)) {
      const values = entry.values.filter((v) => typeof v === "string");
      if (!values.some((v) => ids.includes(v))) continue;
      holding.push(name);
      for (const stamped of stamps) expect(values, `${name}`).not.toContain(stamped);
    }
  }
  expect(holding).toContain("responses");
});

it("lists the channel once, under its current label, wherever results name channels", async () => {
  // Six responses of one category and one channel make a released cohort.
  const options = await server.api("GET", "/admin/results/options?survey=political-ecology");
  expect(options.status).toBe(200);
  const text = JSON.stringify(options.body);
  for (let i = 0; i < SUBMISSIONS; i++) expect(text).not.toContain(stamp(i));
  const channels = (options.body as { channels: unknown[] }).channels;
  expect(channels).toHaveLength(1);
  expect(text).toContain("企业");
  const returns = await server.api("GET", "/admin/returns?survey=political-ecology");
  for (let i = 0; i < SUBMISSIONS; i++) expect(returns.text).not.toContain(stamp(i));
});
