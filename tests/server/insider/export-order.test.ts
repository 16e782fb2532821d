// Attack 5: the raw data sheet said "in random order" but was sorted by category, day and channel:
// rows 1–15 of a category were all day 1, rows 16–30 day 2. Its rows now follow the random
// response ids: |ρ| of row position against day, channel and category stays under the bound.
import { utils } from "@e965/xlsx";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, sessionCookie } from "../../support/admin-session.ts";
import { postJson } from "../../support/api.ts";
import { limit } from "../../support/physical-order.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { spearman } from "../../support/rank-correlation.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";
import { readWorkbook } from "../export/read-back.ts";

const survey = loadSeedSurvey();
const PER_DAY = 150;
let clock = new Date("2026-11-20T02:00:00Z");
let server: TestServer;
/** Per marker: the day (0, 1), channel (0–2) and category (0–2) it was sent with. */
const sent: { day: number; channel: number; category: number }[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const links = await Promise.all(
    ["县直单位", "乡镇党委", "纸质问卷"].map((label) => server.createLink({ label })),
  );
  const boot = await fetch(`${server.url}/api/links/${links[0]?.id}/survey`);
  const { version } = (await boot.json()) as { version: number };
  const random = seededRandom(505);
  for (const day of [0, 1]) {
    clock = new Date(Date.UTC(2026, 10, 20 + day, 2));
    for (let i = 0; i < PER_DAY; i++) {
      const channel = Math.floor(random() * 3);
      const category = Math.floor(random() * 3);
      const body = randomAnswers(survey, random, ["A", "D", "J"][category] ?? "A");
      body.answers.Q28 = `顺序标记 ${sent.length}`;
      sent.push({ day, channel, category });
      const posted = await postJson(`${server.url}/api/links/${links[channel]?.id}/responses`, {
        submissionId: `ordered-submission-${String(sent.length).padStart(6, "0")}`,
        version,
        ...body,
      });
      expect(posted.status).toBe(201);
    }
    // Each day's cohorts are released that day (what a reader asks for first).
    await server.system.deps.upkeep.catchUp();
  }
}, 120_000);
afterAll(() => server.close());

it("rows of the raw data sheet follow neither day, channel nor category", async () => {
  const cookie = await sessionCookie(server, await addAccount(server, "fenxi", "analyst"));
  const response = await fetch(
    `${server.url}/api/admin/results/export.xlsx?survey=political-ecology`,
    { headers: { Cookie: cookie } },
  );
  expect(response.status).toBe(200);
  const sheet = readWorkbook(Buffer.from(await response.arrayBuffer())).Sheets.原始数据;
  if (!sheet) throw new Error("no raw data sheet");
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const header = rows.findIndex((row) => row.includes("Q28"));
  const column = rows[header]?.indexOf("Q28") ?? -1;
  const order = rows
    .slice(header + 1)
    .map((row) => /^顺序标记 (\d+)$/.exec(String(row[column]))?.[1])
    .filter((marker) => marker !== undefined)
    .map((marker) => sent[Number(marker)]);
  // Every released response is listed (cells of about 16 each way: all released).
  expect(order.length).toBeGreaterThan(PER_DAY * 2 * 0.9);
  const position = order.map((_, p) => p);
  const bound = limit(order.length);
  const rho = {
    day: spearman(
      position,
      order.map((s) => s?.day ?? -1),
    ),
    channel: spearman(
      position,
      order.map((s) => s?.channel ?? -1),
    ),
    category: spearman(
      position,
      order.map((s) => s?.category ?? -1),
    ),
    arrival: spearman(
      position,
      order.map((s) => sent.indexOf(s as (typeof sent)[number])),
    ),
  };
  console.log(`raw sheet order over ${order.length} rows (bound ${bound.toFixed(3)}):`, rho);
  for (const [what, value] of Object.entries(rho))
    expect(Math.abs(value), what).toBeLessThan(bound);
});
