// The JSON API's request and response bodies: validate requests and generate /api/openapi.json.
import { z } from "@hono/zod-openapi";
import { wellFormed } from "../http/text-schemas.ts";

/** Same shape as survey codes; also refuses keys like __proto__ before they reach an object. */
const QuestionCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, "not a question code");

/**
 * A grid's answer, row → option. Keys and values are checked row by row by the survey's rules
 * (surveys/format/matrix-answers.ts), so each refusal names its row; here only the size is bounded.
 */
const GridAnswer = z.record(z.string().max(64), z.unknown());

/** Free text; a lone surrogate is refused (http/text-schemas.ts says why). */
const Text = wellFormed(z.string().max(20000));

export const SubmissionBodySchema = z
  .object({
    submissionId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{21,64}$/, "must be 21-64 URL-safe characters (a nanoid)")
      .openapi({
        description:
          "Made once per filling by the page; a retry with the same id never stores twice.",
      }),
    version: z
      .number()
      .int()
      .positive()
      .openapi({ description: "The survey version id the page was given." }),
    answers: z
      .record(QuestionCode, z.union([Text, z.array(z.string().max(64)).max(100), GridAnswer]))
      .openapi({
        description:
          "Question code → option code (single), option codes (multiple), text, or for a rating grid an object row code → option code.",
      }),
    otherText: z
      .record(QuestionCode, Text)
      .default({})
      .openapi({ description: "Question code → the free text of its “其他（请注明）” option." }),
    proofOfWork: z
      .object({
        salt: z.string().max(200),
        number: z.number().int().nonnegative(),
        signature: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .strict()
      .optional()
      .openapi({
        description:
          "Links with SUBMIT_PROOF_OF_WORK on: n with SHA-256(salt + n) = the challenge of GET /links/{linkId}/challenge. Never stored.",
      }),
  })
  .strict()
  .openapi("Submission");

export const ReceiptSchema = z
  .object({
    receipt: z
      .string()
      .openapi({ description: "Shown to the respondent; cannot be traced back to the response." }),
    submittedOn: z
      .string()
      .openapi({ description: "The day the response was stored (YYYY-MM-DD)." }),
  })
  .openapi("Receipt");

export type SubmissionBody = z.infer<typeof SubmissionBodySchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;
