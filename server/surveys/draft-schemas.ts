// Bodies of the draft routes (/admin/drafts…); the console's editor builds against these.
import { z } from "@hono/zod-openapi";

const Revision = z
  .number()
  .int()
  .min(1)
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ description: "The revision the editor last read; a stale one gets 409." });

export const DraftProblemSchema = z
  .object({
    path: z.string().openapi({ example: "sections.0.questions.3.options.1.label" }),
    message: z.string().openapi({ description: "As `survey check` prints it." }),
  })
  .openapi("DraftProblem");

export const BasedOnSchema = z
  .object({ surveyId: z.string(), version: z.number().int() })
  .nullable()
  .openapi({ description: "The version the draft was opened from; null for any other source." });

export const DraftSummarySchema = z
  .object({
    id: z.string(),
    surveyId: z.string().openapi({ description: 'The draft\'s `id` field; "" while it has none.' }),
    title: z.string(),
    updatedAt: z.string().openapi({ description: "To the minute, e.g. 2026-11-25T09:30Z." }),
    basedOn: BasedOnSchema,
    problemCount: z.number().int(),
  })
  .openapi("DraftSummary");

export const DraftSchema = z
  .object({
    id: z.string(),
    survey: z.unknown().openapi({ description: "The survey JSON exactly as last saved." }),
    problems: z.array(DraftProblemSchema).openapi({ description: "Empty: it can be published." }),
    updatedAt: z.string(),
    revision: z.number().int(),
    basedOn: BasedOnSchema,
  })
  .openapi("Draft");

const SurveyId = z.string().min(1).max(64);

export const NewDraftSchema = z
  .discriminatedUnion("source", [
    z.object({ source: z.literal("blank") }).strict(),
    z
      .object({
        source: z.literal("version"),
        surveyId: SurveyId,
        version: z.number().int().min(1).max(1_000_000),
      })
      .strict(),
    z
      .object({
        source: z.literal("survey"),
        survey: z
          .unknown()
          .openapi({ description: "Any JSON, e.g. from the text or sheet parser." }),
      })
      .strict(),
  ])
  .openapi("NewDraft");

export const SaveDraftSchema = z
  .object({
    survey: z.unknown().openapi({ description: "The whole survey JSON; it may still be invalid." }),
    revision: Revision,
  })
  .strict()
  .openapi("SaveDraft");

export const PublishDraftSchema = z.object({ revision: Revision }).strict().openapi("PublishDraft");

export const PublishedSchema = z
  .object({
    surveyId: z.string(),
    version: z.number().int(),
    created: z.boolean().openapi({ description: "false: this content was already that version." }),
  })
  .openapi("PublishedDraft");

export const DraftChangeSchema = z
  .object({
    kind: z.string().openapi({ example: "option.reworded" }),
    question: z.string().nullable(),
    item: z.string().nullable().openapi({ description: "Option or grid row code." }),
    before: z.string().nullable(),
    after: z.string().nullable(),
    description: z.string(),
    meaning: z.string().openapi({ description: "What it means for comparing results." }),
  })
  .openapi("DraftChange");

export const DraftDiffSchema = z
  .object({
    surveyId: z.string(),
    current: z.object({ version: z.number().int() }).nullable(),
    basedOn: BasedOnSchema,
    publishesAs: z
      .object({ version: z.number().int(), created: z.boolean() })
      .nullable()
      .openapi({ description: "The version publishing would give; null while it has problems." }),
    changes: z.array(DraftChangeSchema),
    notes: z.array(z.string()).openapi({ description: "Plain sentences for the whole survey." }),
  })
  .openapi("DraftDiff");

export type DraftSummary = z.infer<typeof DraftSummarySchema>;
export type DraftView = z.infer<typeof DraftSchema>;
export type DraftDiff = z.infer<typeof DraftDiffSchema>;
export type DraftChange = z.infer<typeof DraftChangeSchema>;
