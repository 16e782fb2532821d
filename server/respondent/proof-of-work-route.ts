// GET /api/links/{linkId}/challenge: a fresh proof-of-work puzzle for the phone to solve before it
// submits, when SUBMIT_PROOF_OF_WORK is on (404 otherwise). Nothing about the asker is kept.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppDeps } from "../app-deps.ts";
import { ErrorSchema, jsonError } from "../http/errors.ts";
import { refuseEntry } from "./entry-refusal.ts";
import { type EntryDeps, rawSegment, resolveEntry } from "./resolve-entry.ts";

const ChallengeSchema = z
  .object({
    algorithm: z.literal("SHA-256"),
    challenge: z.string().openapi({ description: "Hex SHA-256 of salt followed by the number." }),
    salt: z.string(),
    maxNumber: z.number().int(),
    signature: z.string().openapi({ description: "Send back with salt and the number found." }),
  })
  .openapi("ProofOfWorkChallenge");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const route = createRoute({
  method: "get",
  path: "/links/{linkId}/challenge",
  summary: "A proof-of-work puzzle to solve before submitting (only when the server requires one)",
  request: { params: z.object({ linkId: z.string() }) },
  responses: {
    200: json(ChallengeSchema, "Find n ≤ maxNumber with SHA-256(salt + n) = challenge"),
    403: json(ErrorSchema, "Link paused or not yet open"),
    404: json(ErrorSchema, "Unknown link, or no proof-of-work required"),
    410: json(ErrorSchema, "Closed, expired or full"),
  },
});

export function proofOfWorkRoute(deps: EntryDeps & Pick<AppDeps, "stuffing">) {
  return new OpenAPIHono().openapi(route, async (c) => {
    const work = deps.stuffing.proofOfWork;
    if (!work) return jsonError(c, "not_found", "这个服务器不要求防刷验证");
    const found = await resolveEntry(
      deps,
      "link",
      rawSegment(c.req.url, "/api/links/", "/challenge"),
    );
    if (!found.ok) return refuseEntry(c, "link", found.reason);
    return c.json(await work.issue(found.entry.id, deps.now().getTime()), 200);
  });
}
