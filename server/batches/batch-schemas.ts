// Bodies of the single-use code batch routes; the console imports these types.
import { z } from "@hono/zod-openapi";
import { BATCH_STATES } from "../domain/batch-states.ts";
import { wellFormed } from "../http/text-schemas.ts";

/** Enough slips for the seed study's 1,652 questionnaires in one batch, with room to spare. */
export const MAX_BATCH_SIZE = 5000;

export const BatchViewSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    label: z.string().openapi({
      description:
        "The channel's name, e.g. 乡镇党委. Responses store the channel's id, not this label.",
    }),
    category: z.string().nullable(),
    categoryLabel: z.string().nullable(),
    issued: z.number().int(),
    used: z.number().int().openapi({
      description:
        "Released responses of this batch: a count that moves in cohorts of at least k, never by one. Which codes were used is never shown.",
    }),
    revoked: z.number().int().openapi({ description: "Unused codes that were revoked." }),
    state: z.enum(BATCH_STATES),
    createdAt: z.string(),
  })
  .openapi("CodeBatch");

export const NewBatchBodySchema = z
  .object({
    surveyId: z.string().min(1).max(64),
    label: wellFormed(z.string().trim().min(1).max(100)),
    category: z.string().max(32).nullable().optional(),
    count: z.number().int().min(1).max(MAX_BATCH_SIZE),
  })
  .strict()
  .openapi("NewCodeBatch");

export const RevokeBodySchema = z
  .object({
    codes: z.array(z.string().max(200)).max(MAX_BATCH_SIZE).optional().openapi({
      description:
        "Codes or their URLs to revoke (lost slips). Omit to revoke the whole batch. Used codes stay counted.",
    }),
  })
  .strict()
  .openapi("RevokeCodes");

export const RevokeResultSchema = z
  .object({
    batch: BatchViewSchema,
    matched: z
      .number()
      .int()
      .openapi({ description: "How many of the given codes belong to this batch (used or not)." }),
  })
  .openapi("RevokeResult");

export type BatchView = z.infer<typeof BatchViewSchema>;
export type NewBatchBody = z.infer<typeof NewBatchBodySchema>;
