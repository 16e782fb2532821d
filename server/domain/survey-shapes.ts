// The survey bodies the console reads and sends: plain types, equal to what the zod schemas of
// server/surveys/survey-schemas.ts infer (tests/client/admin/shared-types.test.ts).
import type { SurveyState } from "./survey-states.ts";

export interface SurveySummary {
  id: string;
  title: string;
  state: SurveyState;
  currentVersion: number;
  /** Options of the category question, in survey order. */
  categories: { code: string; label: string }[];
  versions: {
    id: number;
    version: number;
    createdOn: string;
    current: boolean;
    responses: number;
  }[];
  targets: Targets;
}

export interface Targets {
  total: number | null;
  categories: Record<string, number>;
}

export interface ImportResult {
  surveyId: string;
  version: number;
  /** false when this exact content was already a version. */
  created: boolean;
}
