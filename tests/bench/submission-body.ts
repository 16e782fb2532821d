// A valid, complete submission for a link's survey: every question answered, follow-ups shown.
import { nanoid } from "nanoid";
import {
  type Answers,
  checkAnswers,
  isChoice,
  isVisible,
  listQuestions,
  type OtherTexts,
} from "../../surveys/format/answers.ts";
import type { ChoiceQuestion, Question, Survey } from "../../surveys/format/schema.ts";
import { SurveySchema } from "../../surveys/format/schema.ts";

export interface LinkSurvey {
  version: number;
  survey: Survey;
}

const SHORT_TEXT = "希望进一步规范选人用人程序，让干部群众看得见、信得过。";
const LONG_TEXT =
  "建议持续深化作风建设，坚决纠治形式主义、官僚主义，切实为基层减负。" +
  "进一步畅通信访举报渠道，对反映的问题及时回应、依法处理，保护好举报人。" +
  "选人用人要坚持公开透明，多听取群众意见，让想干事、能干事、干成事的干部有舞台。" +
  "同时加强对“一把手”和领导班子的监督，推动营商环境持续优化，构建亲清政商关系。";
const OTHER_TEXT = "部分单位办事流程不透明，群众反映问题后迟迟得不到答复。";

/** GET /api/links/{id}/survey, checked: the version to send back and the resolved survey. */
export async function fetchLinkSurvey(baseUrl: string, linkId: string): Promise<LinkSurvey> {
  const res = await fetch(`${baseUrl}/api/links/${linkId}/survey`);
  if (!res.ok) throw new Error(`GET survey: HTTP ${res.status}`);
  const json: unknown = await res.json();
  if (typeof json !== "object" || json === null || !("version" in json) || !("survey" in json))
    throw new Error("GET survey: not a link survey");
  const survey = SurveySchema.safeParse(json.survey);
  if (typeof json.version !== "number" || !survey.success)
    throw new Error("GET survey: version or survey is malformed");
  return { version: json.version, survey: survey.data };
}

/** Answers every question, choosing the options that make each showIf follow-up visible. */
export function buildAnswers(survey: Survey): { answers: Answers; otherText: OtherTexts } {
  const questions = listQuestions(survey);
  const triggers = (q: Question) =>
    questions.flatMap((later) =>
      later.showIf?.question === q.code ? [later.showIf.equals ?? later.showIf.includes ?? ""] : [],
    );
  const answers: Answers = {};
  const otherText: OtherTexts = {};
  let otherUsed = false;
  questions.forEach((q, index) => {
    if (!isVisible(q, answers)) throw new Error(`${q.code} stays hidden; cannot answer it`);
    if (q.kind === "matrix") {
      answers[q.code] = Object.fromEntries(q.rows.map((r) => [r.code, q.options[0]?.code ?? ""]));
      return;
    }
    if (!isChoice(q)) {
      const text = q.kind === "shortText" ? SHORT_TEXT : LONG_TEXT;
      answers[q.code] = [...text].slice(0, q.maxLength).join("");
      return;
    }
    const wanted = triggers(q);
    if (q.kind === "single") {
      answers[q.code] = wanted[0] ?? substantive(q)[index % substantive(q).length]!.code;
      return;
    }
    const max = Math.min(q.maxSelections ?? q.options.length, 3);
    const other = otherUsed ? undefined : q.options.find((o) => o.other);
    const picked = new Set(wanted);
    if (other && picked.size < max) {
      picked.add(other.code);
      otherText[q.code] = OTHER_TEXT;
      otherUsed = true;
    }
    for (const option of substantive(q).slice(index % 2)) {
      if (picked.size >= Math.min(max, 2 + (index % 2))) break;
      picked.add(option.code);
    }
    answers[q.code] = [...picked];
  });
  const problems = checkAnswers(survey, answers, otherText);
  if (problems.length > 0)
    throw new Error(`built answers break rules: ${JSON.stringify(problems)}`);
  return { answers, otherText };
}

/** Options a respondent would really pick: not “其他” and not a non-answer like 不作评价. */
function substantive(q: ChoiceQuestion) {
  return q.options.filter((o) => !o.other && !o.nonSubstantive);
}

/** The body's JSON, serialised once, with only the submissionId varying per call. */
export function submissionBodies(linkSurvey: LinkSurvey): (submissionId?: string) => string {
  const placeholder = "SUBMISSION_ID_PLACEHOLDER";
  const { answers, otherText } = buildAnswers(linkSurvey.survey);
  const json = JSON.stringify({
    submissionId: placeholder,
    version: linkSurvey.version,
    answers,
    otherText,
  });
  const [before, after] = json.split(placeholder);
  return (submissionId = nanoid()) => `${before}${submissionId}${after}`;
}
