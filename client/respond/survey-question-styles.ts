// Looks of one question: whole-row labels at least 44 px high, sized in rem so 200% text reflows.
import { css } from "lit";

export const questionStyles = css`
  :host {
    display: block;
  }
  fieldset {
    margin: 0;
    padding: 1rem 0 0.5rem;
    border: 0;
    border-top: 0.0625rem solid var(--line);
    min-width: 0;
  }
  legend {
    float: left;
    width: 100%;
    padding: 0;
    margin-bottom: 0.5rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  legend + * {
    clear: both;
  }
  .required {
    display: inline-block;
    margin-left: 0.25rem;
    padding: 0 0.375rem;
    border-radius: 0.25rem;
    background: var(--danger);
    color: var(--paper);
    font-size: 0.75rem;
    font-weight: 400;
    vertical-align: 0.125rem;
  }
  .help,
  .counter {
    margin: 0 0 0.5rem;
    color: var(--muted);
    font-size: 0.875rem;
  }
  .counter {
    margin-top: 0.25rem;
    text-align: right;
  }
  .error {
    margin: 0 0 0.5rem;
    color: var(--danger);
    font-weight: 600;
  }
  .error::before {
    content: "⚠ ";
  }
  fieldset[aria-invalid="true"] {
    border-top-color: var(--danger);
  }
  /* A refused tick's message floats above the option, over the gap, so nothing moves under the
     finger; taps pass through it to the option it covers. */
  .tip {
    position: absolute;
    right: 0.5rem;
    bottom: 100%;
    padding: 0.25rem 0.5rem;
    border-radius: var(--radius);
    background: var(--danger);
    color: var(--paper);
    font-size: 0.875rem;
    pointer-events: none;
  }
  .counter b {
    display: block;
    color: var(--danger);
  }
  /* Read out by screen readers, never shown: the visible copies of its messages sit by the box. */
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .options {
    display: grid;
    gap: 0.375rem;
  }
  .option {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    background: var(--paper);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:has(input:checked) {
    border-color: var(--accent);
    background: var(--chosen);
  }
  input[type="radio"],
  input[type="checkbox"] {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--accent);
  }
  .other {
    margin-top: 0.5rem;
  }
  .other label {
    display: block;
    margin-bottom: 0.25rem;
  }
  input[type="text"],
  textarea {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    font: inherit;
    color: inherit;
    background: var(--paper);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid="true"] {
    border-color: var(--danger);
  }
`;
