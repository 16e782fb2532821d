// Keeps an unsent filling on this device, one entry per link, and erases it once submitted; then
// keeps only that the link was answered, with the receipt shown then (no answers, no time).
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";

export interface Draft {
  answers: Answers;
  otherText: OtherTexts;
  /** Index into survey.sections of the screen being filled; null for the start screen. */
  section: number | null;
  /** Made once per filling, so every retry of the same filling is recognised by the server. */
  submissionId: string;
}

export function draftKey(linkId: string): string {
  return `survey-draft:${linkId}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function readAnswers(v: unknown): Answers {
  const answers: Answers = {};
  if (!isRecord(v)) return answers;
  for (const [code, value] of Object.entries(v)) {
    if (typeof value === "string") answers[code] = value;
    else if (Array.isArray(value)) answers[code] = value.filter((x) => typeof x === "string");
    // A grid's answer: row code → option code.
    else if (isRecord(value)) answers[code] = readTexts(value);
  }
  return answers;
}

function readTexts(v: unknown): OtherTexts {
  const texts: OtherTexts = {};
  if (!isRecord(v)) return texts;
  for (const [code, value] of Object.entries(v)) if (typeof value === "string") texts[code] = value;
  return texts;
}

/** A stored draft, or null when there is none or it is unreadable. */
export function loadDraft(linkId: string): Draft | null {
  let data: unknown;
  try {
    data = JSON.parse(localStorage.getItem(draftKey(linkId)) ?? "null");
  } catch {
    return null;
  }
  if (!isRecord(data) || typeof data.submissionId !== "string" || data.submissionId === "") {
    return null;
  }
  const section = typeof data.section === "number" ? data.section : null;
  return {
    answers: readAnswers(data.answers),
    otherText: readTexts(data.otherText),
    section,
    submissionId: data.submissionId,
  };
}

export function saveDraft(linkId: string, draft: Draft): void {
  try {
    localStorage.setItem(draftKey(linkId), JSON.stringify(draft));
  } catch {
    // Full or disabled storage: filling still works, it just cannot survive a reload.
  }
}

export function clearDraft(linkId: string): void {
  try {
    localStorage.removeItem(draftKey(linkId));
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}

/** Also read by /privacy's clear button (server/respondent/static/forget-submitted.js): keep in step. */
export const SUBMITTED_PREFIX = "survey-done:";

/**
 * Remembers that this link was answered, so a reload says so instead of offering a new start. Only
 * for shared links: a single-use code is never written down, so the phone does not keep the code
 * (the server already refuses it once used, and its page does not say why).
 */
export function rememberSubmitted(linkId: string, receipt: string): void {
  try {
    localStorage.setItem(SUBMITTED_PREFIX + linkId, receipt);
  } catch {
    // Without storage a reload offers the survey again; the server still counts one response.
  }
}

/** The receipt of this link's earlier submission on this device, or null. */
export function submittedReceipt(linkId: string): string | null {
  try {
    return localStorage.getItem(SUBMITTED_PREFIX + linkId);
  } catch {
    return null;
  }
}

export function forgetSubmitted(linkId: string): void {
  try {
    localStorage.removeItem(SUBMITTED_PREFIX + linkId);
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}
