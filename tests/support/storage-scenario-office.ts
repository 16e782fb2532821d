// The office's part of the storage script (storage-scenario.ts): accounts, sessions, API tokens,
// the audit log and drafts, each answer written down by `note`.
import type { Storage } from "../../server/storage/storage.ts";

/** Records what a call answered (or that it threw) under a label. */
export type Note = (label: string, call: () => Promise<unknown>) => Promise<void>;

const T0 = "2026-11-25T09:30:00.000Z";

export async function officeScenario(store: Storage, note: Note): Promise<void> {
  // Accounts, sessions, tokens, audit.
  const admin = (id: string, username: string, role: "admin" | "analyst" | "distributor") =>
    store.createAdmin({
      id,
      username,
      displayName: `名 ${id}`,
      role,
      passwordHash: `hash-${id}`,
      disabled: false,
      createdAt: T0,
    });
  await note("no admins", () => store.countAdmins());
  await note("admin a1", () => admin("a1", "chief", "admin"));
  await note("admin a2", () => admin("a2", "analyst", "analyst"));
  await note("admin taken", () => admin("a3", "chief", "distributor"));
  await note("counts", async () => [await store.countAdmins(), await store.countEnabledAdmins()]);
  await note("get admin", () => store.getAdmin("a1"));
  await note("find admin", () => store.findAdminByUsername("analyst"));
  await note("find no admin", () => store.findAdminByUsername("nobody"));
  const change = (
    id: string,
    version: number,
    role: "admin" | "analyst" | "distributor",
    disabled: boolean,
    endAccess: boolean,
  ) =>
    store.changeAdmin({
      id,
      version,
      displayName: `改 ${id}`,
      role,
      passwordHash: `h2-${id}`,
      disabled,
      endAccess,
    });
  await note("session", () =>
    store.createSession("s1", { adminId: "a2", createdAt: T0, lastSeenAt: T0 }),
  );
  await note("session 2", () =>
    store.createSession("s2", { adminId: "a1", createdAt: "2026-11-01T00:00Z", lastSeenAt: T0 }),
  );
  await note("touch", () => store.touchSession("s1", "2026-11-25T10:00:00.000Z"));
  await note("get session", () => store.getSession("s1"));
  await note("token", () =>
    store.createToken(
      {
        id: "t1",
        adminId: "a2",
        label: "脚本",
        createdAt: T0,
        expiresAt: "2027-02-23T09:30:00.000Z",
      },
      "th1",
    ),
  );
  await note("token at stale version", () =>
    store.createTokenAt(
      { id: "t2", adminId: "a2", label: "x", createdAt: T0, expiresAt: T0 },
      "th2",
      7,
    ),
  );
  await note("token at version", () =>
    store.createTokenAt(
      { id: "t3", adminId: "a2", label: "y", createdAt: "2026-11-25T09:31:00.000Z", expiresAt: T0 },
      "th3",
      0,
    ),
  );
  await note("last admin", () => change("a1", 0, "analyst", false, false));
  await note("stale", () => change("a2", 5, "analyst", false, false));
  await note("change ends access", () => change("a2", 0, "analyst", true, true));
  await note("sessions after", async () => [
    await store.getSession("s1"),
    await store.getSession("s2"),
  ]);
  await note("tokens", () => store.listTokens(null));
  await note("tokens of a2", () => store.listTokens("a2"));
  await note("token by hash", () => store.findTokenByHash("th1"));
  await note("token used", () => store.noteTokenUsed("t1", "2026-11-25"));
  await note("token used again", () => store.noteTokenUsed("t1", "2026-11-25"));
  await note("revoke token", () => store.revokeToken("t3"));
  await note("token t1", () => store.getToken("t1"));
  await note("token t3", () => store.getToken("t3"));
  await note("purge", () => store.purgeSessions("2026-11-20T00:00Z", "2026-11-10T00:00Z"));
  await note("session purged", () => store.getSession("s2"));
  await note("delete sessions of", () => store.deleteSessionsOf("a1"));
  await note("delete session", () => store.deleteSession("none"));
  await note("admins", () => store.listAdmins());
  for (let i = 0; i < 5; i++)
    await note(`audit ${i}`, () =>
      store.appendAudit({
        at: `2026-11-25T09:3${i}Z`,
        actor: "chief",
        action: "查看结果",
        target: `s${i}`,
        detail: i % 2 ? "" : "x",
      }),
    );
  await note("audit page", () => store.listAudit(3, null));
  await note("audit next", () => store.listAudit(3, 3));

  // Drafts.
  await note("draft", () =>
    store.createDraft({
      id: "d1",
      definition: "{}",
      basedOnVersionId: 2,
      updatedAt: "2026-11-25T09:30Z",
    }),
  );
  await note("draft blank", () =>
    store.createDraft({
      id: "d2",
      definition: "{ }",
      basedOnVersionId: null,
      updatedAt: "2026-11-25T09:31Z",
    }),
  );
  await note("save", () => store.saveDraft("d1", 1, '{"a":1}', "2026-11-25T09:32Z"));
  await note("save stale", () => store.saveDraft("d1", 1, '{"a":2}', "2026-11-25T09:33Z"));
  await note("save missing", () => store.saveDraft("nope", 1, "{}", "2026-11-25T09:33Z"));
  await note("drafts", () => store.listDrafts());
  const version = {
    surveyId: "s",
    contentHash: "h3",
    definition: '{"h":"h3"}',
    today: "2026-11-26",
    makeCurrent: "always" as const,
  };
  const audit = (r: { record: { version: number } }) => ({
    at: "2026-11-26T08:00Z",
    actor: "chief",
    action: "发布问卷",
    target: "s",
    detail: `v${r.record.version}`,
  });
  await note("publish stale", () => store.publishDraft("d1", 1, version, audit));
  await note("publish", () => store.publishDraft("d1", 2, version, audit));
  await note("publish again", () => store.publishDraft("d1", 2, version, audit));
  await note("draft gone", () => store.getDraft("d1"));
  await note("delete draft", () => store.deleteDraft("d2"));
  await note("delete draft again", () => store.deleteDraft("d2"));
  await note("audit last", () => store.listAudit(1, null));
  await note("versions last", () => store.listVersions());
  await note("health", () => store.health());
}
