// The returns monitor's burst alert (issue 12, item 5): a flag per link, never a number, raised by
// stuffing (≥ max(100, 20·k) stored within 10 minutes, or refusals by the per-address limit) and
// not by a normal trickle of k-sized cohorts.
import { afterEach, expect, test } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import type { TestServer } from "../../support/test-server.ts";
import { startMini, submitMany, versionOf } from "../respondent/stuffing-kit.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function alerts(s: TestServer): Promise<Record<string, unknown>> {
  const cookie = await sessionCookie(
    s,
    await addAccount(s, `watcher${Math.random()}`, "distributor"),
  );
  const answer = await callAdmin(s, { cookie }, "GET", "/admin/returns?survey=mini");
  expect(answer.status).toBe(200);
  const body = answer.body as { links: { label: string; burstAlert: unknown }[] };
  return Object.fromEntries(body.links.map((l) => [l.label, l.burstAlert]));
}

test("stuffing 100 through a link raises its alert; three cohorts of k through another do not", {
  timeout: 60_000,
}, async () => {
  server = await startMini({ SUBMIT_LIMIT_PER_ADDRESS: "0" });
  const stuffed = await server.createLink({ surveyId: "mini", label: "被刷" });
  const normal = await server.createLink({ surveyId: "mini", label: "正常" });
  const version = await versionOf(server, stuffed.id);
  expect(await alerts(server)).toEqual({ 被刷: false, 正常: false });

  for (let i = 0; i < 3; i++) await submitMany(server, normal.id, version, 5);
  await submitMany(server, stuffed.id, version, 99);
  // 99 < max(100, 20·5): not yet.
  expect(await alerts(server)).toEqual({ 被刷: false, 正常: false });
  await submitMany(server, stuffed.id, version, 1);
  expect(await alerts(server)).toEqual({ 被刷: true, 正常: false });
  // A flag only: no per-link rate or count of recent submissions anywhere in the answer.
  const cookie = await sessionCookie(server, await addAccount(server, "reader", "distributor"));
  const raw = await callAdmin(server, { cookie }, "GET", "/admin/returns?survey=mini");
  expect(JSON.stringify(raw.body)).not.toMatch(/recent|perMinute|burstCount|"submitted"/);
});

test("refusals by the per-address limit raise the alert of the link they were for", {
  timeout: 60_000,
}, async () => {
  server = await startMini({ SUBMIT_LIMIT_PER_ADDRESS: "60" });
  const hall = await server.createLink({ surveyId: "mini", label: "会场" });
  await server.createLink({ surveyId: "mini", label: "安静" });
  const version = await versionOf(server, hall.id);
  const sent = await submitMany(server, hall.id, version, 40);
  expect(sent.some((s) => s.status === 429)).toBe(true);
  expect(await alerts(server)).toEqual({ 会场: true, 安静: false });
});
