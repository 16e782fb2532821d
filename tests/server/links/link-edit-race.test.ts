// Once a link holds responses its terms may only widen (server/links/create-link.ts says why: a cap
// lowered step by step tells how many came in). The rule must hold against the row as written, not
// as an admin's request read it a moment earlier, while phones keep submitting.
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateLink } from "../../../server/links/create-link.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let version: number;
const answers = { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" };

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  const probe = await server.createLink();
  const survey = await fetch(`${server.url}/api/links/${probe.id}/survey`);
  version = ((await survey.json()) as { version: number }).version;
});
afterAll(() => server.close());

const submitTo = (linkId: string, given: Record<string, unknown> = answers) =>
  postJson(`${server.url}/api/links/${linkId}/responses`, {
    submissionId: newSubmissionId(),
    version,
    answers: given,
  });
/** A category-locked link hides the category question (Q1). */
const { Q1: _category, ...lockedAnswers } = answers;

describe("editing a link while responses arrive", () => {
  it("an edit judged on a read from before the first response cannot lower the cap", async () => {
    const { id } = await server.createLink();
    const storage = server.system.deps.storage;
    const readBefore = await storage.getLink(id);
    if (!readBefore) throw new Error("link not stored");
    expect(readBefore.completed).toBe(0);
    for (let i = 0; i < 3; i += 1) expect((await submitTo(id)).status).toBe(201);

    const made = await updateLink(storage, server.system.deps.catalog, readBefore, { cap: 1 });
    expect(made).toMatchObject({ ok: false, field: "cap" });
    const now = await storage.getLink(id);
    expect(now).toMatchObject({ cap: null, completed: 3 });
  });

  it("nor move its category lock", async () => {
    const { id } = await server.createLink({ category: "A" });
    const storage = server.system.deps.storage;
    const readBefore = await storage.getLink(id);
    if (!readBefore) throw new Error("link not stored");
    expect((await submitTo(id, lockedAnswers)).status).toBe(201);

    const made = await updateLink(storage, server.system.deps.catalog, readBefore, {
      category: "B",
    });
    expect(made).toMatchObject({ ok: false, field: "category" });
    expect(await storage.getLink(id)).toMatchObject({ lockedCategory: "A", completed: 1 });
  });

  it("a widening edit from a stale read still lands, and a vanished link is named", async () => {
    const { id } = await server.createLink({ cap: 5 });
    const storage = server.system.deps.storage;
    const readBefore = await storage.getLink(id);
    if (!readBefore) throw new Error("link not stored");
    expect((await submitTo(id)).status).toBe(201);
    const made = await updateLink(storage, server.system.deps.catalog, readBefore, {
      cap: 9,
      label: "改名后",
    });
    expect(made).toMatchObject({ ok: true, link: { cap: 9, label: "改名后" } });
    expect(await storage.getLink(id)).toMatchObject({ cap: 9, label: "改名后", completed: 1 });

    const ghost = { ...readBefore, id: "Vx0n8KQ3yqZl1a7tX2bcD" };
    expect(await updateLink(storage, server.system.deps.catalog, ghost, { cap: 9 })).toEqual({
      ok: false,
      field: "id",
      message: "没有这个链接",
    });
  });

  it("PATCHes lowering the cap, raced by 30 phones, never leave a cap below what was collected", async () => {
    const cookie = await sessionCookie(server, await addAccount(server, "链接管理员", "admin"));
    for (let round = 0; round < 4; round += 1) {
      const { id } = await server.createLink();
      const phones = Array.from({ length: 30 }, () => submitTo(id));
      const edit = callAdmin(server, { cookie }, "PATCH", `/admin/links/${id}`, { cap: 2 });
      const [answer, ...stored] = await Promise.all([edit, ...phones]);
      const link = await server.system.deps.storage.getLink(id);
      if (!link) throw new Error("link not stored");
      const accepted = stored.filter((r) => r.status === 201).length;
      expect(link.completed).toBe(accepted);
      if (answer.status === 200) {
        // The cap landed before any response: it then holds exactly.
        expect(link.cap).toBe(2);
        expect(link.completed).toBeLessThanOrEqual(2);
      } else {
        expect(answer.status).toBe(422);
        expect(answer.text).toContain("上限只能提高或取消");
        expect(link.cap).toBeNull();
        expect(link.completed).toBe(30);
      }
    }
  });
});
