// Looks of the page frame: one readable column that reflows from 320 px phones to desktops.
import { css } from "lit";

export const pageStyles = css`
  :host {
    display: block;
    max-width: 40rem;
    margin: 0 auto;
    padding: 0 1rem 2rem;
    background: var(--paper);
    min-height: 100vh;
  }
  header {
    display: flex;
    justify-content: flex-end;
    padding: 0.5rem 0;
  }
  h1,
  h2 {
    margin: 0.5rem 0 0.75rem;
    line-height: 1.35;
    overflow-wrap: anywhere;
  }
  h1 {
    font-size: 1.375rem;
  }
  h2 {
    font-size: 1.25rem;
  }
  [tabindex="-1"]:focus {
    outline: none;
  }
  p {
    overflow-wrap: anywhere;
  }
  .title {
    margin: 0 0 0.5rem;
    color: var(--muted);
    font-size: 0.875rem;
  }
  .intro {
    white-space: pre-line;
  }
  .privacy {
    padding: 0.75rem 1rem;
    border-left: 0.25rem solid var(--accent);
    background: var(--wash);
  }
  .preview {
    position: sticky;
    top: 0;
    z-index: 1;
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 0.125rem dashed var(--danger);
    background: var(--paper);
    color: var(--danger);
    font-weight: 600;
  }
  .note {
    color: var(--muted);
    font-size: 0.9375rem;
  }
  .restored {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.75rem 0;
    padding: 0.5rem 0.75rem;
    background: var(--wash);
    border-radius: var(--radius);
  }
  .restored p {
    flex: 1 1 12rem;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1.5rem;
  }
  .actions .primary {
    flex: 1 1 8rem;
  }
  .status {
    min-height: 1.6em;
    color: var(--danger);
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
  }
  dt {
    color: var(--muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .receipt {
    font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
  }
`;
