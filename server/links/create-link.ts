// Creates or edits a distribution link after checking its terms against the survey it serves.
import { nanoid } from "nanoid";
import type { LinkState } from "../domain/link-states.ts";
import type { LinkRecord, LinkStore } from "../storage/storage.ts";
import type { SurveyCatalog } from "../surveys/survey-catalog.ts";
import { categoryCodeProblem } from "../surveys/survey-summary.ts";

export interface LinkRequest {
  surveyId: string;
  label: string;
  category?: string | null;
  cap?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  state?: LinkState;
}

/** `field` names the request field at fault: label, category, cap, opensAt, closesAt, surveyId. */
export type LinkResult =
  | { ok: true; link: LinkRecord }
  | { ok: false; field: string; message: string };

type Terms = Pick<LinkRecord, "label" | "lockedCategory" | "cap" | "opensAt" | "closesAt">;
type TermsResult = { ok: true; terms: Terms } | { ok: false; field: string; message: string };

async function checkTerms(catalog: SurveyCatalog, request: LinkRequest): Promise<TermsResult> {
  const version = await catalog.current(request.surveyId);
  if (!version) return { ok: false, field: "surveyId", message: `没有问卷 "${request.surveyId}"` };
  const label = request.label.trim();
  if (label === "" || label.length > 100)
    return { ok: false, field: "label", message: "渠道名称须为 1–100 个字符" };
  const category = request.category ?? null;
  const problem = category === null ? null : categoryCodeProblem(version, category);
  if (problem) return { ok: false, field: "category", message: problem };
  const cap = request.cap ?? null;
  if (cap !== null && (!Number.isInteger(cap) || cap < 1))
    return { ok: false, field: "cap", message: "上限必须是 ≥ 1 的整数" };
  const opensAt = toInstant(request.opensAt);
  const closesAt = toInstant(request.closesAt);
  if (opensAt === false)
    return { ok: false, field: "opensAt", message: "不是日期时间，例如 2026-12-01T08:00+08:00" };
  if (closesAt === false)
    return { ok: false, field: "closesAt", message: "不是日期时间，例如 2026-12-31T18:00+08:00" };
  if (opensAt && closesAt && opensAt >= closesAt)
    return { ok: false, field: "closesAt", message: "结束时间必须晚于开始时间" };
  return { ok: true, terms: { label, lockedCategory: category, cap, opensAt, closesAt } };
}

export async function createLink(
  storage: Pick<LinkStore, "createLink">,
  catalog: SurveyCatalog,
  request: LinkRequest,
  now: Date,
): Promise<LinkResult> {
  const checked = await checkTerms(catalog, request);
  if (!checked.ok) return checked;
  const link = await storage.createLink({
    // 21 characters of nanoid: 126 bits, unguessable, so a link cannot be found by trying.
    id: nanoid(),
    surveyId: request.surveyId,
    // What its responses carry: another random id, so a stored response holds neither the link's
    // secret URL nor its label (a label can be edited; the channel id never changes).
    channelId: nanoid(),
    ...checked.terms,
    state: request.state ?? "open",
    createdAt: now.toISOString(),
  });
  return { ok: true, link };
}

/** The link was deleted between the read and the write. */
const GONE = { ok: false, field: "id", message: "没有这个链接" } as const;

/**
 * Applies a partial edit; once the link has responses, its cap and category lock cannot narrow.
 * `before` is what the caller read; the store checks the rule again against the row it writes,
 * and when a response landed in between, the edit is judged once more on a fresh read.
 */
export async function updateLink(
  storage: Pick<LinkStore, "updateLink" | "getLink">,
  catalog: SurveyCatalog,
  before: LinkRecord,
  patch: Partial<Omit<LinkRequest, "surveyId">>,
): Promise<LinkResult> {
  let current = before;
  // Each round that loses saw a response or another admin's edit land; three in a row is a link
  // being edited by several people at once, told so rather than retried forever.
  for (let round = 0; round < 3; round += 1) {
    const made = await judgeAndWrite(storage, catalog, current, patch);
    if (made !== "changed underneath") return made;
    const fresh = await storage.getLink(before.id);
    if (!fresh) return GONE;
    current = fresh;
  }
  return { ok: false, field: "id", message: "这个链接正被同时修改，请刷新后再试" };
}

async function judgeAndWrite(
  storage: Pick<LinkStore, "updateLink">,
  catalog: SurveyCatalog,
  before: LinkRecord,
  patch: Partial<Omit<LinkRequest, "surveyId">>,
): Promise<LinkResult | "changed underneath"> {
  const request: LinkRequest = {
    surveyId: before.surveyId,
    label: patch.label ?? before.label,
    category: patch.category === undefined ? before.lockedCategory : patch.category,
    cap: patch.cap === undefined ? before.cap : patch.cap,
    opensAt: patch.opensAt === undefined ? before.opensAt : patch.opensAt,
    closesAt: patch.closesAt === undefined ? before.closesAt : patch.closesAt,
  };
  const checked = await checkTerms(catalog, request);
  if (!checked.ok) return checked;
  const { cap, lockedCategory } = checked.terms;
  // Once a link has responses, its terms may only widen. A category lock moved away would leave the
  // responses already in (category × link) to wait alone, and be released alone at the close; a cap
  // lowered step by step would tell, refusal by refusal, exactly how many came in, while the
  // console shows counts only in cohorts. Neither message says a number.
  if (before.completed > 0 && lockedCategory !== before.lockedCategory)
    return {
      ok: false,
      field: "category",
      message: "这个链接已有答卷，不能再改锁定的类别；请为新的类别另建一个链接",
    };
  if (before.completed > 0 && cap !== null && (before.cap === null || cap < before.cap))
    return {
      ok: false,
      field: "cap",
      message: "这个链接已有答卷，上限只能提高或取消；要停止收集，请暂停或关闭链接",
    };
  const state = patch.state ?? before.state;
  if (!(await storage.updateLink({ id: before.id, ...checked.terms, state })))
    return "changed underneath";
  return { ok: true, link: { ...before, ...checked.terms, state } };
}

/** Normalises to ISO UTC so stored times compare as text; false when unparseable. */
function toInstant(value: string | null | undefined): string | null | false {
  if (value === undefined || value === null || value === "") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? false : new Date(time).toISOString();
}
