// Bodies of the console's link routes; the console imports these types.
import { z } from "@hono/zod-openapi";
import { LINK_AVAILABILITIES, LINK_STATES } from "../domain/link-states.ts";
import { wellFormed } from "../http/text-schemas.ts";

const LinkStateSchema = z.enum(LINK_STATES);
const Instant = z
  .string()
  .max(40)
  .nullable()
  .openapi({ description: "ISO date-time with zone, e.g. 2026-12-01T08:00+08:00; null for none." });

export const LinkViewSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    label: z.string().openapi({
      description:
        "The channel's name, e.g. 乡镇党委. Responses store the channel's id, not this label.",
    }),
    category: z.string().nullable().openapi({ description: "Locked category code, or null." }),
    categoryLabel: z.string().nullable(),
    cap: z.number().int().nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    state: LinkStateSchema,
    availability: z.enum(LINK_AVAILABILITIES).openapi({
      description:
        "What a respondent gets now, by the rule the link page applies: open, or why not (paused, closed, not_open before opensAt, expired after closesAt, full at the cap). `state` is only what was set.",
    }),
    completed: z.number().int().openapi({
      description:
        "Released responses: a count that moves in cohorts of at least k per category, never by one.",
    }),
    createdAt: z.string(),
    url: z.string().openapi({ description: "The respondent URL to hand out." }),
  })
  .openapi("Link");

export const NewLinkBodySchema = z
  .object({
    surveyId: z.string().min(1).max(64),
    label: wellFormed(z.string().trim().min(1).max(100)),
    category: z.string().max(32).nullable().optional(),
    cap: z.number().int().min(1).max(1_000_000).nullable().optional(),
    opensAt: Instant.optional(),
    closesAt: Instant.optional(),
  })
  .strict()
  .openapi("NewLink");

export const LinkPatchSchema = z
  .object({
    label: wellFormed(z.string().trim().min(1).max(100)).optional(),
    category: z.string().max(32).nullable().optional(),
    cap: z.number().int().min(1).max(1_000_000).nullable().optional(),
    opensAt: Instant.optional(),
    closesAt: Instant.optional(),
    state: LinkStateSchema.optional(),
  })
  .strict()
  .openapi("LinkPatch");

export type LinkView = z.infer<typeof LinkViewSchema>;
export type NewLinkBody = z.infer<typeof NewLinkBodySchema>;
export type LinkPatch = z.infer<typeof LinkPatchSchema>;
