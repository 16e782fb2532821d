// Bodies of the console's survey routes; the console imports these types.
import { z } from "@hono/zod-openapi";
import { SURVEY_STATES } from "../domain/survey-states.ts";

export const SurveyStateSchema = z.enum(SURVEY_STATES);

export const SurveySummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    state: SurveyStateSchema.openapi({ description: "closed: no link or code takes responses." }),
    currentVersion: z.number().int(),
    categories: z
      .array(z.object({ code: z.string(), label: z.string() }))
      .openapi({ description: "Options of the category question, in survey order." }),
    versions: z.array(
      z.object({
        id: z.number().int(),
        version: z.number().int(),
        createdOn: z.string(),
        current: z.boolean(),
        responses: z.number().int(),
      }),
    ),
    targets: z.object({
      total: z.number().int().nullable(),
      categories: z.record(z.string(), z.number().int()),
    }),
  })
  .openapi("SurveySummary");

export const SurveyStateBodySchema = z
  .object({ state: SurveyStateSchema })
  .strict()
  .openapi("SurveyState");

export const TargetsBodySchema = z
  .object({
    total: z.number().int().min(1).max(10_000_000).nullable(),
    categories: z.record(z.string().max(32), z.number().int().min(1).max(10_000_000)),
  })
  .strict()
  .openapi("Targets");

export const ImportResultSchema = z
  .object({
    surveyId: z.string(),
    version: z.number().int(),
    created: z
      .boolean()
      .openapi({ description: "false when this exact content was already a version." }),
  })
  .openapi("ImportResult");

export type SurveySummary = z.infer<typeof SurveySummarySchema>;
export type Targets = z.infer<typeof TargetsBodySchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
