// One password check behind the login throttle: sign-in and every action that asks for the password
// again (minting an API token) go through here, so neither is a way around the waits.
import type { Context } from "hono";
import type { RouteDeps } from "../app-deps.ts";
import { clientAddress } from "../http/client-address.ts";
import { jsonError } from "../http/errors.ts";
import type { AdminRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { DECOY_HASH, verifyPassword } from "./passwords.ts";

export type PasswordCheck =
  | { kind: "passed"; admin: AdminRecord }
  /** Wrong name or password, or a disabled account; `admin` is undefined for an unknown name. */
  | { kind: "failed"; admin: AdminRecord | undefined }
  /** The password matched, but the account was changed (reset, new role, disabled) meanwhile. */
  | { kind: "changed"; admin: AdminRecord }
  | { kind: "refused"; waitMs: number };

/** The throttle and the two account reads a password check makes; it can change no account. */
export type PasswordCheckDeps = RouteDeps<
  "trustedProxies" | "loginThrottle" | "now",
  Pick<AdminStore, "findAdminByUsername" | "getAdmin">
>;

export async function checkPassword(
  deps: PasswordCheckDeps,
  c: Context,
  username: string,
  password: string,
): Promise<PasswordCheck> {
  const address = clientAddress(c, deps.trustedProxies);
  const admission = await deps.loginThrottle.admit(username, address, deps.now().getTime());
  if (!admission.ok) return { kind: "refused", waitMs: admission.waitMs };
  let matches = false;
  try {
    const admin = await deps.storage.findAdminByUsername(username);
    // The decoy costs the same scrypt time, so timing does not tell which names exist.
    matches = await verifyPassword(password, admin?.passwordHash ?? DECOY_HASH);
    if (!admin || !matches || admin.disabled) return { kind: "failed", admin };
    // The hash yields: a reset, a role change or a disable may have landed meanwhile, and what
    // follows (a session, a token) must not outlive it. Only the row unchanged since counts.
    const current = await deps.storage.getAdmin(admin.id);
    if (!current || current.version !== admin.version) return { kind: "changed", admin };
    return { kind: "passed", admin: current };
  } finally {
    await admission.done(matches);
  }
}

/** The 429 for a refused check, with Retry-After in whole seconds. */
export function tooManyAttempts(c: Context, waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  c.header("Retry-After", String(seconds));
  return jsonError(
    c,
    "too_many_requests",
    `密码尝试过于频繁，请 ${waitText(seconds)}后再试（每次失败后等待时间加倍）`,
  );
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
