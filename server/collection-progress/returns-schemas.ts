// The returns monitor's body: counts only, never a response, never a time finer than a day.
import { z } from "@hono/zod-openapi";
import { BATCH_STATES } from "../domain/batch-states.ts";
import { LINK_STATES } from "../domain/link-states.ts";

const Rate = z.number().nullable().openapi({
  description: "回收率 as a fraction (0.42 = 42%); null when there is no denominator.",
});

export const ReturnsSchema = z
  .object({
    surveyId: z.string(),
    asOf: z.string().openapi({ description: "Today (YYYY-MM-DD) in the survey time zone." }),
    total: z.object({
      completed: z.number().int(),
      target: z.number().int().nullable(),
      rate: Rate,
    }),
    categories: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        completed: z.number().int(),
        target: z.number().int().nullable(),
        rate: Rate,
      }),
    ),
    links: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        categoryLabel: z.string().nullable(),
        state: z.enum(LINK_STATES),
        cap: z.number().int().nullable(),
        completed: z.number().int(),
        rate: Rate,
        burstAlert: z.boolean().openapi({
          description:
            "提交速度异常: in the last 10 minutes at least max(100, 20·k) responses were stored through this link, or the per-address limit refused some. A flag, never a count.",
        }),
      }),
    ),
    batches: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        categoryLabel: z.string().nullable(),
        state: z.enum(BATCH_STATES),
        issued: z.number().int(),
        completed: z.number().int(),
        rate: Rate,
      }),
    ),
  })
  .openapi("Returns");

export type Returns = z.infer<typeof ReturnsSchema>;
