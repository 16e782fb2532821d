// Guards and readers for the draft API's answers: drafts, their problems, diffs and imports.
import { type Problem, pathKey } from "./editor-model.ts";
import { arrayOf, type Guard, isRecord, num, str } from "./guards.ts";

export interface Draft {
  id: string;
  /** The survey as last saved: possibly invalid; the editor reads it with readSurvey. */
  survey: unknown;
  problems: Problem[];
  updatedAt: string;
  revision: number;
  /** The survey and version it was copied from, when it was. */
  basedOn: { surveyId: string; version: number } | null;
}

export interface DraftSummary {
  id: string;
  title: string;
  updatedAt: string;
  basedOn: Draft["basedOn"];
}

/** One line of 发布前的变化: what changed, and what it means for comparing results. */
export interface Change {
  description: string;
  meaning: string;
}

/** The diff in the console's terms: against which version, the changes, and whole-survey notes. */
export interface Diff {
  current: number | null;
  changes: Change[];
  notes: string[];
}

const isPathPart = (v: unknown): v is string | number => str(v) || num(v);
/** Dotted keys; "sections[0].code" (as `survey check` prints) is read the same way. */
const readPath = (v: unknown) =>
  Array.isArray(v) && v.every(isPathPart)
    ? pathKey(v)
    : str(v)
      ? v.replace(/\[(\d+)\]/g, ".$1")
      : "(root)";

export function readProblems(v: unknown): Problem[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isRecord)
    .map((p) => ({ path: readPath(p.path), message: str(p.message) ? p.message : "" }));
}

function readBasedOn(v: unknown): Draft["basedOn"] {
  if (!isRecord(v) || !str(v.surveyId) || !num(v.version)) return null;
  return { surveyId: v.surveyId, version: v.version };
}

const isDraftRecord: Guard<Record<string, unknown> & { id: string; revision: number }> = (
  v,
): v is Record<string, unknown> & { id: string; revision: number } =>
  isRecord(v) && str(v.id) && num(v.revision);

export const isDraftBody: Guard<{
  draft: Record<string, unknown> & { id: string; revision: number };
}> = (v): v is { draft: Record<string, unknown> & { id: string; revision: number } } =>
  isRecord(v) && isDraftRecord(v.draft);

export function readDraft(d: Record<string, unknown> & { id: string; revision: number }): Draft {
  return {
    id: d.id,
    survey: d.survey,
    problems: readProblems(d.problems),
    updatedAt: str(d.updatedAt) ? d.updatedAt : "",
    revision: d.revision,
    basedOn: readBasedOn(d.basedOn),
  };
}

const isIdRecord = (v: unknown): v is Record<string, unknown> & { id: string } =>
  isRecord(v) && str(v.id);

export const isDraftList: Guard<{ drafts: (Record<string, unknown> & { id: string })[] }> = (
  v,
): v is { drafts: (Record<string, unknown> & { id: string })[] } =>
  isRecord(v) && arrayOf(isIdRecord)(v.drafts);

export function readSummary(d: Record<string, unknown> & { id: string }): DraftSummary {
  const survey = isRecord(d.survey) ? d.survey : {};
  const title = str(d.title) ? d.title : str(survey.title) ? survey.title : "";
  return {
    id: d.id,
    title: title.trim() === "" ? "（未命名问卷）" : title,
    updatedAt: str(d.updatedAt) ? d.updatedAt : "",
    basedOn: readBasedOn(d.basedOn),
  };
}

export function readDiff(v: unknown): Diff {
  const d = isRecord(v) ? v : {};
  const current = isRecord(d.current) && num(d.current.version) ? d.current.version : null;
  const changes = (Array.isArray(d.changes) ? d.changes : []).filter(isRecord).map((c) => ({
    description: str(c.description) ? c.description : "",
    meaning: str(c.meaning) ? c.meaning : "",
  }));
  const notes = Array.isArray(d.notes) ? d.notes.filter(str) : [];
  return { current, changes, notes };
}

export const isPublished = (v: unknown): v is { surveyId: string; version: number } =>
  isRecord(v) && str(v.surveyId) && num(v.version);

export const isParsed = (v: unknown): v is { survey: unknown; problems: unknown[] } =>
  isRecord(v) && "survey" in v && Array.isArray(v.problems);
