// `admin create|list|token`: console accounts from the command line, for automation and recovery.
import { readFileSync } from "node:fs";
import { NewAccountBodySchema } from "../admin/account-schemas.ts";
import { createAccount, issueApiToken } from "../admin/accounts.ts";
import { recordAudit } from "../admin/audit.ts";
import type { System } from "../compose.ts";

interface AdminFlags {
  username?: string;
  name?: string;
  role?: string;
  label?: string;
}

/** The password comes from ADMIN_PASSWORD or standard input, never from argv (which `ps` shows). */
function readPassword(): string {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) return "";
  return readFileSync(0, "utf8").replace(/\r?\n$/, "");
}

export async function createAdminCommand(system: System, flags: AdminFlags): Promise<number> {
  const parsed = NewAccountBodySchema.safeParse({
    username: flags.username ?? "",
    displayName: flags.name ?? flags.username ?? "",
    role: flags.role ?? "admin",
    password: readPassword(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`✗ ${issue.path.join(".")}: ${issue.message}`);
    console.error("Give --username and --role, and the password in ADMIN_PASSWORD or on stdin.");
    return 2;
  }
  const { storage } = system.deps;
  const body = parsed.data;
  const now = new Date();
  if (!(await createAccount(storage, body, now))) {
    console.error(`✗ username ${body.username} is taken`);
    return 2;
  }
  await recordAudit(storage, now, {
    actor: "(命令行)",
    action: "account.create",
    target: body.username,
    detail: body.role,
  });
  console.log(`created ${body.role} ${body.username}`);
  return 0;
}

export async function listAdminsCommand(system: System): Promise<number> {
  const admins = await system.deps.storage.listAdmins();
  if (admins.length === 0)
    console.log("No accounts yet: npm run cli -- admin create --username NAME");
  for (const a of admins)
    console.log(
      `${a.role.padEnd(11)} ${a.username}  ${a.displayName}${a.disabled ? "  (disabled)" : ""}`,
    );
  return 0;
}

/** Prints a new API token for an account: the secret is shown once, only its hash is kept. */
export async function createTokenCommand(system: System, flags: AdminFlags): Promise<number> {
  const { storage } = system.deps;
  const admin = flags.username
    ? await storage.findAdminByUsername(flags.username.toLowerCase())
    : undefined;
  if (!admin || admin.disabled) {
    console.error(`✗ no enabled account "${flags.username ?? ""}"`);
    return 2;
  }
  const now = new Date();
  const label = flags.label ?? "命令行创建";
  const { secret } = await issueApiToken(storage, admin, label, now);
  await recordAudit(storage, now, {
    actor: "(命令行)",
    action: "token.create",
    target: `${admin.username}/${label}`,
  });
  console.log(secret);
  return 0;
}
