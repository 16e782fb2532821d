// Reads the survey the server embedded in the page, with a shape check light enough for phones.
import type { Question, Survey } from "../../surveys/format/schema.ts";

export interface Bootstrap {
  /** The link id or single-use code: names the draft kept on this device. */
  linkId: string;
  /** Where the answers are posted (the link's or the code's responses URL). */
  submitPath: string;
  version: number;
  lockedCategory: string | null;
  /** Where to fetch a proof-of-work puzzle before submitting; null when the server wants none. */
  challengePath: string | null;
  /** Already resolved by the server: {{county}} is filled in. */
  survey: Survey;
  /**
   * The console's phone preview of a draft (GET /admin/preview/{draftId}): the same page, under a
   * banner, that never reads or writes a link's draft on this device and never submits. The server
   * then needs to embed only `{ "preview": true, "survey": … }` (and may add `lockedCategory`).
   */
  preview: boolean;
  /** A single-use code (posts to /api/codes/…): nothing about it outlives the submission here. */
  singleUse: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isOptionalString = (v: unknown) => v === undefined || isString(v);
const isOptionalNumber = (v: unknown) => v === undefined || typeof v === "number";

function isOption(v: unknown): boolean {
  return isObject(v) && isString(v.code) && isString(v.label) && isOptionalNumber(v.otherMaxLength);
}

function isShowIf(v: unknown): boolean {
  return v === undefined || (isObject(v) && isString(v.question));
}

function isQuestion(v: unknown): v is Question {
  if (!isObject(v) || !isString(v.code) || !isString(v.text) || !isOptionalString(v.help))
    return false;
  if (typeof v.required !== "boolean" || !isShowIf(v.showIf)) return false;
  if (v.kind === "shortText" || v.kind === "longText") return typeof v.maxLength === "number";
  const options = Array.isArray(v.options) && v.options.every(isOption);
  if (v.kind === "matrix")
    return options && Array.isArray(v.rows) && v.rows.every((r) => isOption(r) && r.code !== "");
  if (v.kind !== "single" && v.kind !== "multiple") return false;
  return options && isOptionalNumber(v.minSelections) && isOptionalNumber(v.maxSelections);
}

function isSurvey(v: unknown): v is Survey {
  if (!isObject(v) || !isString(v.id) || !isString(v.title) || !isOptionalString(v.intro))
    return false;
  if (!Array.isArray(v.sections) || v.sections.length === 0) return false;
  return v.sections.every(
    (s) =>
      isObject(s) &&
      isString(s.code) &&
      isString(s.title) &&
      isOptionalString(s.description) &&
      Array.isArray(s.questions) &&
      s.questions.every(isQuestion),
  );
}

/** Returns null when the embedded data is missing or malformed; the page then says so. */
export function readBootstrap(doc: Document = document): Bootstrap | null {
  const text = doc.getElementById("survey-data")?.textContent;
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  // A preview has no link: stand-ins that nothing ever reads, sends to or stores under.
  const preview = isObject(data) && data.preview === true;
  if (preview && isObject(data))
    data = { linkId: "", submitPath: "/api/", version: 0, lockedCategory: null, ...data };
  if (!isObject(data) || !isString(data.linkId) || typeof data.version !== "number") return null;
  if (!isString(data.submitPath) || !data.submitPath.startsWith("/api/")) return null;
  const locked = data.lockedCategory;
  if (locked !== null && !isString(locked)) return null;
  const challenge = data.challengePath ?? null;
  if (challenge !== null && !(isString(challenge) && challenge.startsWith("/api/"))) return null;
  if (!isSurvey(data.survey)) return null;
  return {
    linkId: data.linkId,
    submitPath: data.submitPath,
    version: data.version,
    lockedCategory: locked,
    challengePath: challenge,
    survey: data.survey,
    preview,
    singleUse: data.submitPath.startsWith("/api/codes/"),
  };
}
