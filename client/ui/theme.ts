// Shared look: colour tokens with at least 4.5:1 contrast (light or dark), and buttons big enough
// for thumbs.
import { css } from "lit";

/**
 * A page may set --scheme-* on an ancestor to change every colour at once: the respondent's page
 * does, for its dark scheme (server/respondent/static/page.css). Custom properties cross shadow roots,
 * each element's own ones do not, so this is how one choice reaches the nested elements. The console
 * sets none (its own colours are not ready for dark) and keeps these light values.
 */
export const tokens = css`
  :host {
    --ink: var(--scheme-ink, #1b1f24);
    --muted: var(--scheme-muted, #4a5360);
    --line: var(--scheme-line, #8a94a3);
    --paper: var(--scheme-paper, #ffffff);
    --wash: var(--scheme-wash, #f2f4f7);
    --chosen: var(--scheme-chosen, #e8f0fa);
    --accent: var(--scheme-accent, #0b57a4);
    --accent-ink: var(--scheme-accent-ink, #ffffff);
    --danger: var(--scheme-danger, #b3261e);
    --focus: var(--scheme-focus, #d97706);
    --radius: 0.5rem;
    color: var(--ink);
    font-family:
      system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
      "Noto Sans CJK SC", sans-serif;
    line-height: 1.6;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 0.1875rem solid var(--focus);
    outline-offset: 0.125rem;
  }
`;

export const buttons = css`
  button {
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 0.125rem solid var(--accent);
    border-radius: var(--radius);
    background: var(--paper);
    color: var(--accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--accent);
    color: var(--accent-ink);
  }
  /* aria-disabled rather than disabled: a busy button keeps focus, so screen readers keep their place. */
  button:disabled,
  button[aria-disabled="true"] {
    opacity: 0.6;
    cursor: progress;
  }
`;
