// Text limits counted as the server counts (code points, surveys/format/answers.ts), not in the
// UTF-16 units of a native maxlength: an emoji is one character to counter and server alike.

/** Characters as the server counts them; a surrogate pair is one. */
export const countChars = (text: string): number => [...text].length;

/**
 * Cuts a box back to `max` characters by dropping the last ones just typed or pasted (those
 * right before the caret), whole code points only, and leaves the caret at the cut.
 * Returns how many characters were dropped.
 */
export function clampText(box: HTMLInputElement | HTMLTextAreaElement, max: number): number {
  const chars = [...box.value];
  const over = chars.length - max;
  if (over <= 0) return 0;
  const caret = countChars(box.value.slice(0, box.selectionEnd ?? box.value.length));
  const from = Math.max(0, caret - over);
  chars.splice(from, over);
  box.value = chars.join("");
  const at = chars.slice(0, from).join("").length;
  box.setSelectionRange(at, at);
  return over;
}
