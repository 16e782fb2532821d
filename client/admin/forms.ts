// Reads a submitted form's fields as strings, so handlers never touch the DOM by hand, and draws
// the row of buttons every console form ends with.
import { html, nothing } from "lit";

/** The server's rule too (server/admin/account-schemas.ts); checked here to answer at once. */
export const MIN_PASSWORD = 10;

/**
 * The submit button (aria-disabled rather than disabled while busy, so it keeps focus and is
 * still announced) and, when editing, a cancel button.
 */
export function formActions(label: string, busy: boolean, onCancel?: () => void) {
  return html`<div class="actions">
    <button class="primary" aria-disabled=${busy ? "true" : "false"}>${label}</button>
    ${onCancel ? html`<button type="button" @click=${onCancel}>取消</button>` : nothing}
  </div>`;
}
export type FormFields = Record<string, string>;

/**
 * Calls preventDefault and returns the text of every named field, or null for non-forms. Nothing
 * is trimmed: passwords must arrive as typed, and the server trims names and labels itself.
 */
export function readForm(e: Event): FormFields | null {
  e.preventDefault();
  const form = e.currentTarget;
  if (!(form instanceof HTMLFormElement)) return null;
  const fields: FormFields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}

/** An optional whole number: null when empty, NaN when not a positive integer. */
export function readCount(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : Number.NaN;
}
