// Builds one published tabulation: read the counts, decide what may be shown, shape every table.
// Nothing is recorded as published until the caller calls publish(), just before it responds.
import { findCategoryQuestion, listQuestions } from "../../surveys/format/answers.ts";
import { DEFAULT_MIN_BASE, type Question, type Survey } from "../../surveys/format/schema.ts";
import type { ResponseFilter, ResultsStore } from "../storage/results-store.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";
import { describeHiding } from "./disclosure/hiding-notes.ts";
import { planPublication } from "./disclosure/plan-publication.ts";
import type { PublicationLedger } from "./disclosure/publication-ledger.ts";
import { planTexts } from "./disclosure/text-release.ts";
import { countedQuestions, kindOf, tableKindOf } from "./question-kinds/registry.ts";
import type { HiddenReason, QuestionTable, Tabulation } from "./results-schemas.ts";
import { summarizeIndices } from "./satisfaction-index.ts";
import type { Banner, Tally } from "./tally.ts";
import { tallyByCategory } from "./tally-by-category.ts";
import { tallyResponses } from "./tally-responses.ts";

/** Open texts are listed only for groups at least this large (and never under k). */
export const TEXT_MIN_GROUP = 10;

export interface TabulationRequest {
  version: CatalogVersion;
  state: "open" | "closed";
  banner: string | undefined;
  filter: ResponseFilter;
  asOf: string;
  /** Closed survey: responses held for good (a category's last few after publication). */
  held?: number;
}

export type TabulationOutcome =
  | { ok: true; tabulation: Tabulation; publish: () => void }
  | { ok: false; field: string; message: string };

export const minBaseOf = (survey: Survey) => survey.minBase ?? DEFAULT_MIN_BASE;

/** The banner question: a single-choice question, the category question by default. */
export function resolveBanner(survey: Survey, code: string | undefined): Banner | string {
  const category = findCategoryQuestion(survey);
  const wanted = code ?? category?.code;
  const question = listQuestions(survey).find((q) => q.code === wanted);
  if (question?.kind !== "single")
    return wanted
      ? `“${wanted}”不是本问卷的单选题，不能作为列变量`
      : "本问卷没有类别题，请指定列变量";
  return { question, isCategory: question.code === category?.code };
}

/**
 * A channel the version's released responses do not come from: a typo, another survey's link, or
 * one with nothing counted yet. Refused by name rather than answered with an empty table.
 */
async function unknownChannel(storage: ResultsStore, versionId: number, filter: ResponseFilter) {
  if (!filter.channels) return undefined;
  const present = new Set(await storage.responseChannels(versionId));
  return filter.channels.find((id) => !present.has(id));
}

const isUnfiltered = (f: ResponseFilter) => f.channels === null && !f.from && !f.to;
const isCategory = (q: Question) => q.kind === "single" && q.category === true;
const NO_ROWS: ReadonlyMap<string, HiddenReason> = new Map();

/** Why a selection is refused, in words an analyst can act on (README: Planning the views). */
const REFUSALS = {
  differencing: (k: number) =>
    `这一选择与此前已发布的结果（其他列变量、筛选或较早的发布）相减，能推出不足 ${k} 人的回答，所以不能发布。按类别、不筛选的总表始终可以查看和下载；也可换一种列变量或筛选。`,
  budget: (k: number) =>
    `此前已发布的不同列变量和筛选很多，差分检查已无法在限定的计算量内确认这一选择不会推出不足 ${k} 人的回答，所以不能发布。按类别、不筛选的总表和已经看过的选择仍可查看和下载。`,
};

const UNFILTERED: ResponseFilter = { channels: null, from: null, to: null };

/** Reads through `storage` (one snapshot, in the worker); the ledger must hold the version. */
export async function tabulate(
  storage: ResultsStore,
  ledger: PublicationLedger,
  request: TabulationRequest,
): Promise<TabulationOutcome> {
  // The main table (category banner, no filter) is published first at every data state, so every
  // other view is checked against it, and it is never refused because of them (README).
  const category = findCategoryQuestion(request.version.survey)?.code;
  const isMain =
    isUnfiltered(request.filter) && (request.banner === undefined || request.banner === category);
  if (!isMain && category !== undefined) {
    const main = await tabulateOne(storage, ledger, {
      ...request,
      banner: undefined,
      filter: UNFILTERED,
    });
    if (main.ok) main.publish();
  }
  return tabulateOne(storage, ledger, request);
}

async function tabulateOne(
  storage: ResultsStore,
  ledger: PublicationLedger,
  request: TabulationRequest,
): Promise<TabulationOutcome> {
  const { version, filter } = request;
  const { survey } = version;
  const banner = resolveBanner(survey, request.banner);
  if (typeof banner === "string") return { ok: false, field: "banner", message: banner };
  const unknown = await unknownChannel(storage, version.id, filter);
  if (unknown !== undefined)
    return {
      ok: false,
      field: "channel",
      message: `没有这个渠道：${unknown}。本问卷这一版本的已统计回答中没有来自它的，请从筛选项列出的渠道中选择。`,
    };
  if (filter.from && filter.to && filter.from > filter.to)
    return { ok: false, field: "to", message: "结束日期早于开始日期" };
  const k = minBaseOf(survey);
  const ordinalOf = ledger.ordinalOf(version.id);
  const tally: Tally =
    banner.isCategory && isUnfiltered(filter)
      ? await tallyByCategory(storage, version.id, survey, banner, ordinalOf)
      : await tallyResponses(
          survey,
          banner,
          storage.iterateResponses(version.id, filter),
          ordinalOf,
        );
  const respondents = tally.n[0] ?? 0;
  if (respondents > 0 && respondents < k)
    return {
      ok: false,
      field: filter.channels ? "channel" : "from",
      message: `筛选后只有 ${respondents} 份回答，少于最小发布人数 ${k}，不能显示。请放宽筛选条件。`,
    };

  const questions = countedQuestions(survey);
  const selection = [
    banner.question.code,
    [...(filter.channels ?? [])].sort().join(","),
    filter.from ?? "",
    filter.to ?? "",
    respondents,
  ].join("|");
  const plan = planPublication({
    tally,
    banner,
    questions,
    k,
    ledger,
    versionId: version.id,
    selection,
  });
  if ("unsettled" in plan)
    return {
      ok: false,
      field: filter.channels
        ? "channel"
        : filter.from || filter.to
          ? "from"
          : banner.isCategory
            ? "survey"
            : "banner",
      message: REFUSALS[plan.unsettled](k),
    };

  const textMinGroup = Math.max(TEXT_MIN_GROUP, k);
  const hiddenOf = (q: Question) => plan.questions.get(q.code) ?? plan.columns;
  const canonical = banner.isCategory && isUnfiltered(filter);
  const texts = planTexts(
    tally,
    canonical,
    questions,
    hiddenOf,
    textMinGroup,
    ledger,
    version.id,
    selection,
  );
  const sections = new Map(
    survey.sections.flatMap((s) => s.questions.map((q) => [q.code, s.title])),
  );
  // A grid's rows sit in the grid's section.
  const sectionOf = (q: (typeof questions)[number]) => sections.get(q.grid?.code ?? q.code) ?? "";
  const tables: QuestionTable[] = questions.map((question) => {
    const counts = tally.questions.get(question.code);
    if (!counts) throw new Error(`no tally for ${question.code}`);
    const hidden = hiddenOf(question);
    const shaped = kindOf(question).shape({
      survey,
      question,
      tally: counts,
      columns: tally.columns,
      n: tally.n,
      hidden,
      hiddenRows: isCategory(question) ? plan.rows : NO_ROWS,
      banner,
      textsListed: texts.listed.get(question.code) ?? [],
    });
    return {
      code: question.code,
      text: question.text,
      kind: tableKindOf(question),
      grid: question.grid ?? null,
      section: sectionOf(question),
      bases: counts.seen.map((seen, c) => (hidden[c] ? null : seen)),
      hidden,
      ...shaped,
    };
  });

  const tabulation: Tabulation = {
    survey: {
      id: version.surveyId,
      title: survey.title,
      version: version.version,
      state: request.state,
    },
    minBase: k,
    textMinGroup,
    asOf: request.asOf,
    filters: { channels: filter.channels ?? [], from: filter.from, to: filter.to },
    banner: { question: banner.question.code, text: banner.question.text },
    respondents,
    days: tally.days,
    columns: tally.columns.map((column, c) => ({
      key: column.key,
      label: column.label,
      n: plan.columns[c] ? null : (tally.n[c] ?? 0),
      hidden: plan.columns[c] ?? null,
    })),
    questions: tables,
    indices: summarizeIndices(survey, tables),
    notes: [
      ...(request.held
        ? [
            `另有 ${request.held} 份回答在已有结果发布之后才到达，且同一类别不足 ${k} 份，为防止前后两次结果相减推出这几个人的回答，未计入任何结果。`,
          ]
        : []),
      ...describeHiding(k, textMinGroup, plan, findCategoryQuestion(survey)?.text ?? "类别"),
      ...(canonical
        ? []
        : ["文字回答只在“按类别、不筛选”的结果中列出，以免不同筛选或列变量的文字列表相减。"]),
      ...(texts.withheld
        ? [
            `有的文字回答列表与此前已发布的列表相减会只剩不足 ${textMinGroup} 人的文字，因此本次不列出（差分保护）。`,
          ]
        : []),
    ],
  };
  return {
    ok: true,
    tabulation,
    publish() {
      for (const [domain, groups] of [...plan.groups, ...texts.groups])
        ledger.publish(version.id, domain, groups);
    },
  };
}
