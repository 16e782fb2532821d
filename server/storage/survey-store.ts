// Survey versions, each survey's current version, its state (open or closed) and its targets.

export interface SurveyVersionRecord {
  id: number;
  surveyId: string;
  version: number;
  /** The survey JSON as validated, variables not yet filled. */
  definition: string;
  createdOn: string;
}

export interface VersionSummary {
  id: number;
  surveyId: string;
  version: number;
  createdOn: string;
  current: boolean;
  responses: number;
}

export type SurveyState = "open" | "closed";

export interface SurveyTargets {
  total: number | null;
  categories: Record<string, number>;
}

/** A version to register: the same content (hash) maps to the same version forever. */
export interface NewSurveyVersion {
  surveyId: string;
  contentHash: string;
  definition: string;
  today: string;
  /** "if-new": a file read at start moves the survey on only when its content is new. */
  makeCurrent: "always" | "if-new";
}

export interface RegisteredVersion {
  record: SurveyVersionRecord;
  created: boolean;
}

export interface SurveyStore {
  registerSurveyVersion(version: NewSurveyVersion): Promise<RegisteredVersion>;
  getSurveyVersion(id: number): Promise<SurveyVersionRecord | undefined>;
  currentVersionId(surveyId: string): Promise<number | undefined>;
  listVersions(): Promise<VersionSummary[]>;
  surveyState(surveyId: string): Promise<SurveyState | undefined>;
  setSurveyState(surveyId: string, state: SurveyState): Promise<void>;
  getTargets(surveyId: string): Promise<SurveyTargets>;
  setTargets(surveyId: string, targets: SurveyTargets): Promise<void>;
}
