// Shared looks of the console views: headings, notes, panels, status lines and forms.
import { css } from "lit";

export const viewStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 1rem;
    font-size: 1.375rem;
    line-height: 1.35;
  }
  h3 {
    margin: 1.5rem 0 0.75rem;
    font-size: 1.125rem;
  }
  p {
    overflow-wrap: anywhere;
  }
  a {
    color: var(--accent);
  }
  .note {
    color: var(--muted);
  }
  .empty {
    padding: 1rem;
    border: 0.0625rem dashed var(--line);
    border-radius: var(--radius);
    background: var(--wash);
  }
  .status {
    margin: 0.5rem 0;
    color: var(--muted);
  }
  /* Live regions stay in the DOM to be announced, but take no room while silent. */
  .status:empty {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .panel {
    margin: 0 0 1.5rem;
    padding: 1rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    background: var(--paper);
  }
  .panel > :first-child {
    margin-top: 0;
  }
  summary {
    min-height: 2.75rem;
    padding: 0.5rem 0;
    font-weight: 600;
    cursor: pointer;
  }
`;

/** A labelled field, its hint and its input: the console's forms and the survey editor alike. */
export const fieldStyles = css`
  label {
    display: block;
    font-weight: 600;
  }
  .hint {
    display: block;
    font-weight: 400;
    font-size: 0.875rem;
    color: var(--muted);
  }
  input,
  select,
  textarea {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    margin-top: 0.25rem;
    padding: 0.375rem 0.5rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    background: var(--paper);
    color: var(--ink);
    font: inherit;
  }
  input[type="checkbox"] {
    display: inline-block;
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0 0.5rem 0 0;
    vertical-align: middle;
  }
`;

export const formStyles = css`
  form {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.75rem 1rem;
    align-items: end;
  }
  form .wide,
  form .actions,
  form error-notice {
    grid-column: 1 / -1;
  }
  ${fieldStyles}
  textarea {
    min-height: 8rem;
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.75rem 1rem;
  }
  fieldset {
    margin: 0;
    padding: 0.75rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
  }
`;
