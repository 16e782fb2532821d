// What a survey can be set to: closed means no link or code of it takes responses.
export const SURVEY_STATES = ["open", "closed"] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];
