// Valid random submissions through several links, each with a unique submissionId and unique
// texts, remembered by stored id so a durability check can compare every stored row with it.
import { customAlphabet, nanoid } from "nanoid";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import {
  type Answers,
  categoryOf,
  checkAnswers,
  findCategoryQuestion,
  isChoice,
  isText,
  listQuestions,
  type OtherTexts,
} from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { fetchLinkSurvey } from "../bench/submission-body.ts";
import type { Submission } from "./load-driver.ts";
import { randomAnswers, seededRandom } from "./random-answers.ts";

export interface LinkTarget {
  linkId: string;
  label: string;
  /** The link's channel id: what its responses carry (never the label). */
  channelId: string;
  lockedCategory: string | null;
  versionId: number;
  survey: Survey;
}

export interface SentSubmission extends Submission {
  target: LinkTarget;
  answers: Answers;
  otherText: OtherTexts;
  category: string;
  /** Every free text in the body, whole, and the ASCII marker that makes each one unique. */
  texts: string[];
  markers: string[];
}

export interface LinkRow {
  id: string;
  label: string;
  channelId: string;
  lockedCategory: string | null;
}

/** Fetches each link's survey as a phone would (GET /api/links/{id}/survey). */
export async function loadTargets(url: string, links: LinkRow[]): Promise<LinkTarget[]> {
  return Promise.all(
    links.map(async (link) => {
      const { version, survey } = await fetchLinkSurvey(url, link.id);
      return {
        linkId: link.id,
        label: link.label,
        channelId: link.channelId,
        lockedCategory: link.lockedCategory,
        versionId: version,
        survey,
      };
    }),
  );
}

// Alphanumeric only: a marker stays one searchable token even inside JSON or a URL.
const marker = customAlphabet("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 14);
const PHRASES = ["希望加强监督", "干部作风有待改进", "建议多听群众意见", "其他情况"];

export interface SubmissionMaker {
  /** For the load driver: the index picks the link round-robin. */
  make(index: number): Submission;
  /** Everything sent so far, keyed by the stored id (responseIdFor(submissionId)). */
  byResponseId: Map<string, SentSubmission>;
}

export function createSubmissionMaker(targets: LinkTarget[], seed: number): SubmissionMaker {
  if (targets.length === 0) throw new Error("no link to submit through");
  const random = seededRandom(seed);
  const byResponseId = new Map<string, SentSubmission>();
  return {
    byResponseId,
    make(index) {
      const target = targets[index % targets.length]!;
      const sent = uniqueSubmission(target, random);
      byResponseId.set(responseIdFor(sent.submissionId), sent);
      return sent;
    },
  };
}

function uniqueSubmission(target: LinkTarget, random: () => number): SentSubmission {
  const { survey, lockedCategory } = target;
  const categories = categoryCodes(survey);
  const picked = categories[Math.floor(random() * categories.length)] ?? "";
  const { answers, otherText } = randomAnswers(survey, random, picked, lockedCategory);
  const texts: string[] = [];
  const markers: string[] = [];
  const uniqueText = (max: number) => {
    const token = marker();
    const phrase = PHRASES[Math.floor(random() * PHRASES.length)] ?? "";
    const text = `${phrase}${token}`.slice(0, max);
    texts.push(text);
    markers.push(token);
    return text;
  };
  for (const q of listQuestions(survey)) {
    if (answers[q.code] !== undefined && isText(q)) answers[q.code] = uniqueText(q.maxLength);
    if (otherText[q.code] !== undefined) otherText[q.code] = uniqueText(200);
  }
  const problems = checkAnswers(survey, answers, otherText, { lockedCategory });
  if (problems.length > 0)
    throw new Error(`unique answers break rules: ${JSON.stringify(problems)}`);
  const category = categoryOf(survey, answers, { lockedCategory });
  if (category === undefined) throw new Error("a submission without a category");
  const submissionId = nanoid();
  const body = JSON.stringify({ submissionId, version: target.versionId, answers, otherText });
  return {
    submissionId,
    path: `/api/links/${target.linkId}/responses`,
    body,
    target,
    answers,
    otherText,
    category,
    texts,
    markers,
  };
}

function categoryCodes(survey: Survey): string[] {
  const question = findCategoryQuestion(survey);
  return question && isChoice(question) ? question.options.map((o) => o.code) : [];
}
