// Links in the console: create, edit, pause and close, refuse bad terms by field, and QR codes
// that decode to the link's URL.
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LinkView } from "../../../server/links/link-schemas.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer();
  cookie = await sessionCookie(server, await addAccount(server, "dist", "distributor"));
});
afterAll(() => server.close());

const create = (body: Record<string, unknown>) =>
  callAdmin(server, { cookie }, "POST", "/admin/links", { surveyId: "political-ecology", ...body });
const patch = (id: string, body: Record<string, unknown>) =>
  callAdmin(server, { cookie }, "PATCH", `/admin/links/${id}`, body);

it("creates a link with its terms and a respondent URL that works", async () => {
  const made = await create({
    label: "乡镇党委",
    category: "I",
    cap: 200,
    closesAt: "2099-12-31T18:00+08:00",
  });
  expect(made.status).toBe(201);
  const { link } = made.body as { link: LinkView };
  expect(link).toMatchObject({
    label: "乡镇党委",
    category: "I",
    categoryLabel: "村（社区）干部",
    cap: 200,
    closesAt: "2099-12-31T10:00:00.000Z",
    state: "open",
    completed: 0,
  });
  expect(link.url).toBe(`${server.url}/s/${link.id}`);
  expect((await fetch(link.url)).status).toBe(200);
});

it("refuses bad terms naming the field, and stores nothing", async () => {
  const before = (await server.query("SELECT id FROM links")).length;
  const cases: [Record<string, unknown>, string][] = [
    [{ label: "x", category: "Z" }, "category"],
    [{ label: "x", opensAt: "明天" }, "opensAt"],
    [{ label: "x", opensAt: "2026-12-02T00:00Z", closesAt: "2026-12-01T00:00Z" }, "closesAt"],
    [{ label: "" }, "label"],
    // JSON.stringify writes "\ud800": the server's parser makes the lone surrogate.
    [{ label: "县直\ud800单位" }, "label"],
    [{ label: "x", cap: 0 }, "cap"],
    [{ label: "x", surveyId: "nope" }, "surveyId"],
  ];
  for (const [body, field] of cases) {
    const answer = await create(body);
    expect(answer.status, JSON.stringify(body)).toBe(422);
    expect(answer.text).toContain(`"field":"${field}"`);
  }
  expect(await server.query("SELECT id FROM links")).toHaveLength(before);
});

it("edits, pauses, resumes and closes; with responses in, its cap and category only widen", async () => {
  const { link } = (await create({ label: "县直单位", cap: 50 })).body as { link: LinkView };
  // Before any response, any terms go.
  expect((await patch(link.id, { cap: 10, category: "D" })).status).toBe(200);
  const survey = loadSeedSurvey();
  const version = (
    (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as { version: number }
  ).version;
  for (let i = 0; i < 2; i++) {
    const { Q1: _locked, ...answers } = fullAnswers(survey, "D").answers;
    const sent = await postJson(`${server.url}/api/links/${link.id}/responses`, {
      submissionId: newSubmissionId(),
      version,
      answers,
      otherText: fullAnswers(survey, "D").otherText,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  }
  // Lowering the cap, at any value, is refused: refusal by refusal it would count the responses.
  for (const cap of [1, 2, 9]) {
    const refused = await patch(link.id, { cap });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('"field":"cap"');
    expect(JSON.stringify(refused.body)).not.toMatch(/\d+ 份/);
  }
  // Moving the category lock would strand the responses already in: refused too.
  const moved = await patch(link.id, { category: "J" });
  expect(moved.status).toBe(422);
  expect(JSON.stringify(moved.body)).toContain('"field":"category"');
  // Raising or removing the cap, and renaming, go. Two waiting responses are not counted yet.
  expect((await patch(link.id, { label: "县直机关", cap: 20 })).body).toMatchObject({
    link: { label: "县直机关", cap: 20, completed: 0 },
  });
  await patch(link.id, { cap: null, state: "paused" });
  expect((await fetch(link.url)).status).toBe(403);
  await patch(link.id, { state: "open" });
  expect((await fetch(link.url)).status).toBe(200);
  await patch(link.id, { state: "closed" });
  expect((await fetch(link.url)).status).toBe(410);
  expect((await patch("no-such-link-id-000000", { state: "open" })).status).toBe(404);
});

it("serves the link's QR code as PNG and SVG, both for its URL", async () => {
  const { link } = (await create({ label: "海报" })).body as { link: LinkView };
  const png = await fetch(`${server.url}/api/admin/links/${link.id}/qr.png`, {
    headers: { Cookie: cookie },
  });
  expect(png.headers.get("content-type")).toBe("image/png");
  expect(png.headers.get("content-disposition")).toContain("attachment");
  const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
  expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(link.url);
  const svg = await callAdmin(server, { cookie }, "GET", `/admin/links/${link.id}/qr.svg`);
  expect(svg.headers.get("content-type")).toBe("image/svg+xml");
  expect(svg.text).toMatch(/^<\?xml[^>]*>\s*<svg/);
});
