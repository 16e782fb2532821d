// Reads a submitted form's fields as strings, so handlers never touch the DOM by hand.
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
