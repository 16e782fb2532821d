// Talks to /api/admin: every call resolves to a value (data or a readable error), never throws.
import {
  ERROR_CODES,
  type ErrorCode,
  type FieldError as ServerFieldError,
} from "../../server/domain/error-codes.ts";
import { arrayOf, type Guard, isRecord, oneOf, str } from "./guards.ts";

/** The part of the server's field error the console shows. */
export type FieldError = Pick<ServerFieldError, "field" | "message">;

export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The server's error code, when it sent one; absent for local and network problems. */
  code?: ErrorCode;
  message: string;
  fields: FieldError[];
}

export type ApiResult<T> = { ok: true; data: T } | ({ ok: false } & ApiError);

/** Fired on window when a signed-in call answers 401: the session ended under the user. */
export class SessionExpiredEvent extends Event {
  static readonly eventName = "session-expired";

  constructor() {
    super(SessionExpiredEvent.eventName);
  }
}

/** Thrown inside @lit/task functions, so a task's error state carries the server's words. */
export class ApiFailure extends Error {
  readonly detail: ApiError;

  constructor(detail: ApiError) {
    super(detail.message);
    this.detail = detail;
  }
}

const OFFLINE = "无法连接服务器，请检查网络后重试。";
const isFieldError = (v: unknown): v is FieldError => isRecord(v) && str(v.field) && str(v.message);
const isErrorCode = oneOf(...ERROR_CODES);

export interface CallOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** For sign-in and the first "who am I": there a 401 is an answer, not an expired session. */
  expect401?: boolean;
}

export async function call<T>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  guard: Guard<T>,
  { body, signal, expect401 = false }: CallOptions = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: method === "GET" ? {} : { "Content-Type": "application/json" },
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, status: 0, message: OFFLINE, fields: [] };
  }
  const data = await readJson(response);
  if (response.ok && guard(data)) return { ok: true, data };
  if (response.status === 401 && !expect401) window.dispatchEvent(new SessionExpiredEvent());
  return { ok: false, ...readError(response, data) };
}

/** Like call, but throws ApiFailure: the shape @lit/task wants for its error state. */
export async function load<T>(path: string, guard: Guard<T>, signal?: AbortSignal): Promise<T> {
  const result = await call("GET", path, guard, { signal });
  if (!result.ok) throw new ApiFailure(result);
  return result.data;
}

/** The ApiError inside a task's error, or a plain one for anything else (a bug or an abort). */
export function describeFailure(error: unknown): ApiError {
  if (error instanceof ApiFailure) return error.detail;
  const message = error instanceof Error ? error.message : String(error);
  return { status: 0, message: `出错了：${message}`, fields: [] };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function readError(response: Response, data: unknown): ApiError {
  const error = isRecord(data) && isRecord(data.error) ? data.error : {};
  const fields = arrayOf(isFieldError)(error.fields) ? error.fields : [];
  const code = isErrorCode(error.code) ? { code: error.code } : {};
  if (str(error.message) && error.message !== "") {
    return { status: response.status, ...code, message: error.message, fields };
  }
  const message = response.ok
    ? "服务器的回应格式不对，请刷新页面；若仍如此，请联系管理员。"
    : `请求失败（HTTP ${response.status}）。`;
  return { status: response.status, ...code, message, fields };
}

declare global {
  interface WindowEventMap {
    "session-expired": SessionExpiredEvent;
  }
}
