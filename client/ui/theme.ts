// Shared look: colour tokens with at least 4.5:1 contrast, and buttons big enough for thumbs.
import { css } from "lit";

export const tokens = css`
  :host {
    --ink: #1b1f24;
    --muted: #4a5360;
    --line: #8a94a3;
    --paper: #ffffff;
    --wash: #f2f4f7;
    --accent: #0b57a4;
    --accent-ink: #ffffff;
    --danger: #b3261e;
    --focus: #d97706;
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
