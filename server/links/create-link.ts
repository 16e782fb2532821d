// Creates a distribution link after checking it against the survey it serves.
import { nanoid } from "nanoid";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import type { LinkRecord, Storage } from "../storage/storage.ts";
import type { SurveyCatalog } from "../surveys/survey-catalog.ts";
import type { LinkState } from "./link-availability.ts";

export interface LinkRequest {
  surveyId: string;
  label: string;
  category?: string | null;
  cap?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  state?: LinkState;
}

export type CreateLinkResult =
  | { ok: true; link: LinkRecord }
  | { ok: false; field: string; message: string };

export function createLink(
  storage: Storage,
  catalog: SurveyCatalog,
  request: LinkRequest,
  now: Date,
): CreateLinkResult {
  const version = catalog.current(request.surveyId);
  if (!version) return { ok: false, field: "survey", message: `no survey "${request.surveyId}"` };
  const label = request.label.trim();
  if (label === "" || label.length > 100)
    return { ok: false, field: "label", message: "label must be 1-100 characters" };
  const category = request.category ?? null;
  if (category !== null) {
    const question = findCategoryQuestion(version.survey);
    const options = question && isChoice(question) ? question.options : [];
    if (!options.some((o) => o.code === category)) {
      const known = options.map((o) => `${o.code}=${o.label}`).join(", ");
      return {
        ok: false,
        field: "category",
        message: `"${category}" is not a category code; one of: ${known}`,
      };
    }
  }
  const cap = request.cap ?? null;
  if (cap !== null && (!Number.isInteger(cap) || cap < 1))
    return { ok: false, field: "cap", message: "cap must be a whole number ≥ 1" };
  const opensAt = toInstant(request.opensAt);
  const closesAt = toInstant(request.closesAt);
  if (opensAt === false)
    return { ok: false, field: "opens", message: "not a date-time, e.g. 2026-12-01T08:00+08:00" };
  if (closesAt === false)
    return { ok: false, field: "closes", message: "not a date-time, e.g. 2026-12-31T18:00+08:00" };
  if (opensAt && closesAt && opensAt >= closesAt)
    return { ok: false, field: "closes", message: "must be after opens" };
  const link = storage.createLink({
    // 21 characters of nanoid: 126 bits, unguessable, so a link cannot be found by trying.
    id: nanoid(),
    surveyId: request.surveyId,
    label,
    lockedCategory: category,
    cap,
    opensAt,
    closesAt,
    state: request.state ?? "open",
    createdAt: now.toISOString(),
  });
  return { ok: true, link };
}

/** Normalises to ISO UTC so stored times compare as text; false when unparseable. */
function toInstant(value: string | null | undefined): string | null | false {
  if (value === undefined || value === null || value === "") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? false : new Date(time).toISOString();
}
