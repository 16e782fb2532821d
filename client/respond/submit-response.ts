// Sends one filling to the server, retrying network failures and 5xx with the same submissionId,
// and waiting out a 429 (too many submissions from this network) as long as Retry-After asks.
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";
import type { ProofOfWork } from "./proof-of-work.ts";

export interface Submission {
  submissionId: string;
  version: number;
  answers: Answers;
  otherText: OtherTexts;
  proofOfWork?: ProofOfWork;
}

/** A problem the server found; `question` is absent for problems with the submission as a whole. */
export interface FieldProblem {
  /** The body field the server named, e.g. answers.Q3 or proofOfWork. */
  field?: string;
  question?: string;
  message: string;
}

export type SubmitOutcome =
  | { kind: "stored"; receipt: string; submittedOn: string }
  | { kind: "invalid"; message: string; fields: FieldProblem[] }
  | { kind: "refused"; message: string }
  | { kind: "failed"; status: number | null };

export interface SubmitOptions {
  /** Waits before each automatic retry; the default gives four attempts over about seven seconds. */
  delays?: number[];
  /** Called before each automatic retry, counting from 1. */
  onRetry?: (attempt: number) => void;
  /** Called when the server queues the submission (429), with the seconds it asked to wait. */
  onQueued?: (seconds: number) => void;
  /** How long 429s may keep the page waiting in all before it gives up (answers stay saved). */
  queueLimitMs?: number;
  timeoutMs?: number;
}

/** Retry-After in seconds, within reason; a missing or odd value waits 5 s. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0
    ? Math.min(Math.max(seconds, 1), 120) * 1000
    : 5000;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `url` is the link's or the code's responses path, as the server put it in the page. */
export async function submitResponse(
  url: string,
  submission: Submission,
  options: SubmitOptions = {},
): Promise<SubmitOutcome> {
  const { delays = [1000, 2000, 4000], onRetry, onQueued, timeoutMs = 30_000 } = options;
  const body = JSON.stringify(submission);
  let queuedMs = 0;
  let attempt = 0;
  for (;;) {
    const response = await post(url, body, timeoutMs);
    const status = response?.status ?? null;
    // A 429 stored nothing and is no failure: wait as asked (plus up to a second, so phones behind
    // one address do not all come back at the same instant), without spending a network retry.
    if (status === 429 && queuedMs < (options.queueLimitMs ?? 15 * 60_000)) {
      const ms = retryAfterMs(response?.headers.get("Retry-After") ?? null);
      onQueued?.(Math.ceil(ms / 1000));
      queuedMs += ms;
      await wait(ms + Math.random() * 1000);
      continue;
    }
    if (response && status !== null && status < 500)
      return readOutcome(status, await readJson(response));
    if (attempt >= delays.length) return { kind: "failed", status };
    attempt += 1;
    onRetry?.(attempt);
    await wait(delays[attempt - 1] ?? 0);
  }
}

/** Resolves to null on a network failure or timeout, which are worth retrying. */
async function post(url: string, body: string, timeoutMs: number): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      credentials: "same-origin",
      signal: controller.signal,
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function readOutcome(status: number, data: unknown): SubmitOutcome {
  if ((status === 200 || status === 201) && isRecord(data)) {
    const { receipt, submittedOn } = data;
    if (typeof receipt === "string" && typeof submittedOn === "string") {
      return { kind: "stored", receipt, submittedOn };
    }
  }
  const error = isRecord(data) && isRecord(data.error) ? data.error : {};
  const message = typeof error.message === "string" ? error.message : "";
  if (status === 422) return { kind: "invalid", message, fields: readFields(error.fields) };
  if ((status === 403 || status === 404 || status === 410) && message !== "") {
    return { kind: "refused", message };
  }
  return { kind: "failed", status };
}

function readFields(v: unknown): FieldProblem[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((f) => {
    if (!isRecord(f) || typeof f.message !== "string") return [];
    const field = typeof f.field === "string" ? { field: f.field } : {};
    return [
      typeof f.question === "string"
        ? { ...field, question: f.question, message: f.message }
        : { ...field, message: f.message },
    ];
  });
}
