// Sends one filling to the server, retrying network failures and 5xx with the same submissionId.
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";

export interface Submission {
  submissionId: string;
  version: number;
  answers: Answers;
  otherText: OtherTexts;
}

/** A problem the server found; `question` is absent for problems with the submission as a whole. */
export interface FieldProblem {
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
  timeoutMs?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `url` is the link's or the code's responses path, as the server put it in the page. */
export async function submitResponse(
  url: string,
  submission: Submission,
  { delays = [1000, 2000, 4000], onRetry, timeoutMs = 30_000 }: SubmitOptions = {},
): Promise<SubmitOutcome> {
  const body = JSON.stringify(submission);
  let status: number | null = null;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) {
      onRetry?.(attempt);
      await wait(delays[attempt - 1] ?? 0);
    }
    const response = await post(url, body, timeoutMs);
    status = response?.status ?? null;
    if (response && status !== null && status < 500)
      return readOutcome(status, await readJson(response));
  }
  return { kind: "failed", status };
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
    return [
      typeof f.question === "string"
        ? { question: f.question, message: f.message }
        : { message: f.message },
    ];
  });
}
