// Console accounts and sessions for route tests: made straight in storage, then used over HTTP.
import { nanoid } from "nanoid";
import { hashPassword } from "../../server/admin/passwords.ts";
import { startSession } from "../../server/admin/sessions.ts";
import type { Role } from "../../server/domain/roles.ts";
import type { TestServer } from "./test-server.ts";

/** What these helpers use of a server: a TestServer, or one of several instances (pg-instances). */
type Served = Pick<TestServer, "url" | "system">;

export const PASSWORD = "correct horse battery";

/** Creates an account (scrypt-hashed like any other) and returns its id. */
export async function addAccount(server: Served, username: string, role: Role): Promise<string> {
  const id = nanoid();
  await server.system.deps.storage.createAdmin({
    id,
    username,
    displayName: username,
    role,
    passwordHash: await hashPassword(PASSWORD),
    disabled: false,
    createdAt: new Date().toISOString(),
  });
  return id;
}

/** A fresh session cookie for the account, without paying for a password check. */
export async function sessionCookie(server: Served, adminId: string): Promise<string> {
  const { storage, now } = server.system.deps;
  return `survey_admin=${await startSession(storage, adminId, now())}`;
}

export interface Caller {
  cookie?: string;
  bearer?: string;
  /** Defaults to the server's own origin when a cookie is sent. */
  origin?: string | null;
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** One console API call as the browser (cookie + Origin) or a script (bearer) would make it. */
export async function callAdmin(
  server: Served,
  caller: Caller,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (caller.cookie) headers.Cookie = caller.cookie;
  if (caller.bearer) headers.Authorization = `Bearer ${caller.bearer}`;
  const origin = caller.origin === undefined ? (caller.cookie ? server.url : null) : caller.origin;
  if (origin !== null) headers.Origin = origin;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML or an image: keep the text.
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** Signs in over HTTP with the password and returns the session cookie. */
export async function signIn(server: TestServer, username: string, password = PASSWORD) {
  const answer = await callAdmin(server, { origin: server.url }, "POST", "/admin/login", {
    username,
    password,
  });
  const cookie = answer.headers.get("set-cookie")?.split(";")[0];
  return { status: answer.status, cookie, answer };
}
