// Looks shared by the editor's parts: compact fields in a grid, list items, inline problems.
import { css } from "lit";
import { fieldStyles } from "./admin-styles.ts";

export const editorStyles = css`
  :host {
    display: block;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.5rem 1rem;
    align-items: start;
  }
  .fields .wide {
    grid-column: 1 / -1;
  }
  ${fieldStyles}
  label.check {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    min-height: 2.75rem;
    font-weight: 400;
  }
  textarea.prose {
    min-height: 4.5rem;
  }
  [aria-invalid="true"] {
    border: 0.125rem solid var(--danger);
  }
  .problems {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
    color: var(--danger);
    font-weight: 400;
  }
  .item {
    margin: 0.75rem 0;
    padding: 0.75rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    background: var(--paper);
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    justify-content: space-between;
  }
  .item-head h3,
  .item-head h4 {
    margin: 0;
    font-size: 1rem;
  }
  .item-buttons {
    display: inline-flex;
    gap: 0.25rem;
  }
  button.small {
    padding: 0.25rem 0.5rem;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 7rem auto;
    gap: 0.5rem;
    align-items: end;
    padding: 0.5rem 0;
    border-bottom: 0.0625rem solid var(--wash);
  }
  .row .flags {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  fieldset {
    margin: 0.5rem 0;
    padding: 0.5rem 0.75rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
  }
  legend {
    font-weight: 600;
  }
`;
