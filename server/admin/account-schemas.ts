// Bodies of the sign-in, account, API-token and audit routes; the console imports these types.
import { z } from "@hono/zod-openapi";
import { ROLES } from "../domain/roles.ts";
import { wellFormed } from "../http/text-schemas.ts";

export const RoleSchema = z.enum(ROLES).openapi({
  description:
    "admin: everything, including accounts; analyst: results and downloads; distributor: links, code batches and returns.",
});

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, "2-32 个字母、数字或 . _ -");
/** Long enough to resist guessing even if the database leaks; no composition rules (NIST 800-63B). */
const Password = z.string().min(10, "至少 10 个字符").max(200);
const DisplayName = wellFormed(z.string().trim().min(1).max(50));

export const AccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Account");

export const SetupBodySchema = z
  .object({
    token: z.string().min(1).max(100),
    username: Username,
    displayName: DisplayName,
    password: Password,
  })
  .strict()
  .openapi("SetupBody");

export const LoginBodySchema = z
  .object({ username: z.string().max(100), password: z.string().max(200) })
  .strict()
  .openapi("LoginBody");

export const NewAccountBodySchema = z
  .object({ username: Username, displayName: DisplayName, role: RoleSchema, password: Password })
  .strict()
  .openapi("NewAccount");

export const AccountPatchSchema = z
  .object({
    displayName: DisplayName.optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict()
  .openapi("AccountPatch");

/** A token lives 90 days unless its maker picks otherwise, and never longer than a year. */
export const TOKEN_DAYS_DEFAULT = 90;
const TOKEN_DAYS_MAX = 365;

export const TokenInfoSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    owner: z.string().openapi({ description: "Username of the account the token acts as." }),
    createdAt: z.string(),
    lastUsedOn: z.string().nullable().openapi({ description: "Day only (YYYY-MM-DD)." }),
    revoked: z.boolean().openapi({
      description: "Revoked by hand, or by its account's password reset, role change or disabling.",
    }),
    expiresAt: z.string().openapi({ description: "ISO time from which the token is refused." }),
  })
  .openapi("ApiToken");

export const NewTokenBodySchema = z
  .object({
    label: wellFormed(z.string().trim().min(1).max(100)),
    password: z.string().min(1, "请再次输入您的密码").max(200).openapi({
      description:
        "Your own password again: a borrowed or stolen session alone cannot mint a lasting credential.",
    }),
    days: z
      .number()
      .int()
      .min(1)
      .max(TOKEN_DAYS_MAX)
      .default(TOKEN_DAYS_DEFAULT)
      .openapi({ description: "Days until the token expires: 1 to 365, default 90." }),
  })
  .strict()
  .openapi("NewApiToken");

export const NewTokenResultSchema = z
  .object({
    token: TokenInfoSchema,
    secret: z.string().openapi({
      description: "Send as `Authorization: Bearer <secret>`. Shown once; only a hash is kept.",
    }),
  })
  .openapi("NewApiTokenResult");

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: "ISO time of the admin action." }),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    detail: z.string(),
  })
  .openapi("AuditEntry");

export type Account = z.infer<typeof AccountSchema>;
export type TokenInfo = z.infer<typeof TokenInfoSchema>;
export type NewTokenResult = z.infer<typeof NewTokenResultSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
