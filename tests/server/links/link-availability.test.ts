// The console's link list says what a respondent gets now (availability), by the very rule the
// link page applies: a link opening tomorrow is not "open", a past close is over, a cap reached full.
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LinkView } from "../../../server/links/link-schemas.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  cookie = await sessionCookie(server, await addAccount(server, "dist", "distributor"));
});
afterAll(() => server.close());

const hour = 3600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

async function listed(): Promise<Map<string, LinkView>> {
  const answer = await callAdmin(server, { cookie }, "GET", "/admin/links");
  expect(answer.status).toBe(200);
  const { links } = answer.body as { links: LinkView[] };
  return new Map(links.map((link) => [link.label, link]));
}

it("each link's availability matches what its respondents get", async () => {
  await server.createLink({ label: "现在" });
  await server.createLink({ label: "明天", opensAt: at(24 * hour) });
  await server.createLink({ label: "昨天截止", closesAt: at(-hour) });
  await server.createLink({ label: "暂停", state: "paused" });
  await server.createLink({ label: "关闭", state: "closed" });
  const full = await server.createLink({ label: "收满", cap: 1 });
  const boot = await (await fetch(`${server.url}/api/links/${full.id}/survey`)).json();
  const sent = await postJson(`${server.url}/api/links/${full.id}/responses`, {
    submissionId: newSubmissionId(),
    version: (boot as { version: number }).version,
    answers: { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" },
  });
  expect(sent.status).toBe(201);

  const links = await listed();
  const expected: [string, LinkView["availability"], LinkView["state"], number][] = [
    ["现在", "open", "open", 200],
    ["明天", "not_open", "open", 403],
    ["昨天截止", "expired", "open", 410],
    ["暂停", "paused", "paused", 403],
    ["关闭", "closed", "closed", 410],
    ["收满", "full", "open", 410],
  ];
  for (const [label, availability, state, status] of expected) {
    const link = links.get(label);
    expect({ label, availability: link?.availability, state: link?.state }).toEqual({
      label,
      availability,
      state,
    });
    expect((await fetch(link?.url ?? "")).status, label).toBe(status);
  }
  // "full" tells no count: the released count still moves in cohorts (one response waits).
  expect(links.get("收满")?.completed).toBe(0);
});

it("moving the opening time into the past opens the link in the list and for respondents", async () => {
  const { id } = await server.createLink({ label: "改时间", opensAt: at(2 * hour) });
  expect((await listed()).get("改时间")?.availability).toBe("not_open");
  const moved = await callAdmin(server, { cookie }, "PATCH", `/admin/links/${id}`, {
    opensAt: at(-hour),
  });
  expect((moved.body as { link: LinkView }).link.availability).toBe("open");
  expect((await fetch(`${server.url}/s/${id}`)).status).toBe(200);
});
