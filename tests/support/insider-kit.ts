// An insider's kit for the in-process server on the mini survey (k = 5): console callers by role,
// submissions through links, and reading tables and text lists the way an analyst would.
import { resolve } from "node:path";
import type { Tabulation } from "../../server/tabulate/results-schemas.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "./admin-session.ts";
import { newSubmissionId, postJson } from "./api.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

export const SURVEY = "mini";

export interface Kit {
  server: TestServer;
  admin: Caller;
  analyst: Caller;
  distributor: Caller;
  /** Makes a link through the console as the distributor; returns its id. */
  link(label: string): Promise<string>;
  /** Submits through a link as a phone would. */
  submit(
    link: string,
    answers: Record<string, unknown>,
    otherText?: Record<string, string>,
  ): Promise<number>;
  call(who: Caller, method: string, path: string, body?: unknown): ReturnType<typeof callAdmin>;
  /** The channel id the results pickers offer for a label. */
  channelId(label: string): Promise<string>;
  view(query: string): Promise<{ status: number; t: Tabulation | null; text: string }>;
}

export async function startKit(): Promise<Kit> {
  const server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  const admin = { cookie: await sessionCookie(server, await addAccount(server, "chief", "admin")) };
  const analyst = {
    cookie: await sessionCookie(server, await addAccount(server, "reader", "analyst")),
  };
  const distributor = {
    cookie: await sessionCookie(server, await addAccount(server, "hander", "distributor")),
  };
  const versions = new Map<string, number>();
  const kit: Kit = {
    server,
    admin,
    analyst,
    distributor,
    async link(label) {
      const made = await callAdmin(server, distributor, "POST", "/admin/links", {
        surveyId: SURVEY,
        label,
      });
      const id = (made.body as { link?: { id?: string } }).link?.id;
      if (made.status !== 201 || !id) throw new Error(`link: ${made.text}`);
      return id;
    },
    async submit(link, answers, otherText) {
      let version = versions.get(link);
      if (version === undefined) {
        const boot = await fetch(`${server.url}/api/links/${link}/survey`);
        version = ((await boot.json()) as { version: number }).version;
        versions.set(link, version);
      }
      const posted = await postJson(`${server.url}/api/links/${link}/responses`, {
        submissionId: newSubmissionId(),
        version,
        answers,
        ...(otherText ? { otherText } : {}),
      });
      return posted.status;
    },
    call: (who, method, path, body) => callAdmin(server, who, method, path, body),
    async channelId(label) {
      // The pickers do not release what is due; the returns monitor does (as any view would).
      await callAdmin(server, distributor, "GET", `/admin/returns?survey=${SURVEY}`);
      const options = await callAdmin(
        server,
        analyst,
        "GET",
        `/admin/results/options?survey=${SURVEY}`,
      );
      const channels = (options.body as { channels: { id: string; label: string }[] }).channels;
      const found = channels.find((c) => c.label === label);
      if (!found) throw new Error(`no released channel ${label}: ${options.text}`);
      return found.id;
    },
    async view(query) {
      const answer = await callAdmin(
        server,
        analyst,
        "GET",
        `/admin/results?survey=${SURVEY}${query}`,
      );
      return {
        status: answer.status,
        t: answer.status === 200 ? (answer.body as Tabulation) : null,
        text: answer.text,
      };
    },
  };
  return kit;
}

/** 全体 counts of every option row of a question: { "Q2=A": 3, … }. */
export function totals(t: Tabulation, question: string): Map<string, number | null> {
  const table = t.questions.find((q) => q.code === question);
  if (!table) throw new Error(`no table ${question}`);
  return new Map(table.rows.map((row) => [row.key, row.cells[0]?.count ?? null]));
}

/** The 全体 texts of a question (text answers, or “其他” notes), as a multiset. */
export function texts(t: Tabulation, question: string): Map<string, number> | null {
  const table = t.questions.find((q) => q.code === question);
  const group = table?.texts[0];
  if (!group?.texts) return null; // withheld: a small group, or by the differencing check
  return new Map((group.texts ?? []).map((x) => [x.text, x.count]));
}

/** a − b on multisets (positive: only in a; negative: only in b). */
export function minus(a: Map<string, number | null>, b: Map<string, number | null>) {
  const out = new Map<string, number>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const d = (a.get(key) ?? 0) - (b.get(key) ?? 0);
    if (d !== 0) out.set(key, d);
  }
  return out;
}

/** A plausible respondent in category A of the mini survey, varied by `i`. */
export function filler(i: number): {
  answers: Record<string, unknown>;
  otherText?: Record<string, string>;
} {
  const q2 = ["A", "B", "B", "C", "A"][i % 5];
  const q4 = i % 2 === 0 ? "A" : "B";
  return {
    answers: {
      Q1: "A",
      Q2: q2,
      Q3: i % 3 === 0 ? ["A", "B"] : ["B", "C"],
      Q4: q4,
      ...(q4 === "A" ? { Q5: `说明${i}` } : {}),
      Q6: `普通意见${i}`,
    },
  };
}
