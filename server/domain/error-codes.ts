// The error envelope every JSON route answers with, and its codes: one list the console reads too.
// Each code has exactly one HTTP status (ERROR_STATUS in server/http/errors.ts).

export const ERROR_CODES = [
  "malformed", // 400: the body is not JSON.
  "unauthorized", // 401: not signed in, or the session or token ended.
  "forbidden", // 403: signed in, but this role may not; or a request from another site.
  "link_not_open", // 403: the link is paused or not yet open: it may take responses later.
  "not_found", // 404: no such address, record, link or usable code.
  "conflict", // 409: someone changed it first, or the change would break a rule of the data.
  "gone", // 410: a one-time link that was used or has expired.
  "link_unavailable", // 410: the link or code is closed, expired or full: it takes no more.
  "payload_too_large", // 413: the body is over the size limit.
  "unsupported_media_type", // 415: the body is not sent as application/json.
  "invalid", // 422: the body is JSON but breaks a rule; `fields` says where.
  "too_many_requests", // 429: too many requests; see Retry-After.
  "internal", // 500: a bug; logged by name.
  "unavailable", // 503: busy or temporarily unable (e.g. results could not be computed).
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One refused field: `field` is a dotted body path; `question` is set on a question's answer. */
export interface FieldError {
  field: string;
  question?: string;
  message: string;
}

export interface ErrorBody {
  error: {
    /** What a client may branch on; the status follows from it. */
    code: ErrorCode;
    /** Chinese text to show the person as it is. */
    message: string;
    fields?: FieldError[];
  };
}
