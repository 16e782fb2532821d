// Looks of the results view: wide banner tables that scroll in their box, test lines, texts, filters.
import { css } from "lit";

export const questionStyles = css`
  section {
    margin: 0 0 2rem;
    padding: 1rem;
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
    background: var(--paper);
  }
  h3 {
    margin-top: 0;
  }
  h4 {
    margin: 1rem 0 0.5rem;
    font-size: 1rem;
  }
  .code {
    color: var(--muted);
  }
  /* Option labels wrap; the column stays put while the figures scroll sideways. */
  th[scope="row"] {
    position: sticky;
    left: 0;
    z-index: 1;
    min-width: 9rem;
    max-width: 18rem;
    white-space: normal;
    background: var(--paper);
  }
  thead th[scope="col"]:first-child {
    position: sticky;
    left: 0;
    z-index: 1;
  }
  th.col {
    min-width: 5.5rem;
    white-space: normal;
  }
  .size,
  .valid {
    display: block;
    white-space: nowrap;
    font-size: 0.875rem;
    font-weight: 400;
    color: var(--muted);
  }
  tr.meta th,
  tr.meta td {
    color: var(--muted);
  }
  td.hidden {
    color: var(--muted);
  }
  tbody.bases th,
  tbody.bases td {
    border-top: 0.125rem solid var(--line);
    background: var(--wash);
  }
  .stat {
    margin: 0.25rem 0;
  }
  .warning {
    margin: 0.25rem 0;
    color: #8a4b00;
  }
  .withheld {
    color: var(--muted);
  }
  ul.texts {
    margin: 0.25rem 0 0.75rem;
    padding-left: 1.25rem;
  }
  ul.keywords {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul.keywords li {
    padding: 0 0.5rem;
    border: 0.0625rem solid var(--line);
    border-radius: 1rem;
  }
  .times {
    margin-left: 0.375rem;
    color: var(--muted);
    font-size: 0.875rem;
  }
  bar-chart {
    margin: 1rem 0;
  }
`;

export const filterStyles = css`
  form {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
    gap: 0.75rem 1rem;
    align-items: start;
  }
  fieldset.wide {
    grid-column: 1 / -1;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
  }
  .choices label {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    font-weight: 400;
  }
  input[type="radio"] {
    display: inline-block;
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0 0.5rem 0 0;
  }
  legend {
    font-weight: 600;
  }
`;

export const summaryStyles = css`
  .count {
    margin: 1rem 0 0.5rem;
    font-size: 1.125rem;
  }
  .downloads {
    margin: 0 0 1.5rem;
  }
  .notes {
    margin: 0 0 1.5rem;
    padding-left: 1.25rem;
    color: var(--muted);
  }
  .stale {
    opacity: 0.6;
  }
`;

/** The index tables: the aspect stays put while the columns scroll; the 全体 figure carries a bar. */
export const indexStyles = css`
  thead th[scope="col"]:first-child {
    position: static;
  }
  thead th.aspect {
    position: sticky;
    left: 0;
    z-index: 1;
  }
  td.total {
    min-width: 10rem;
  }
  .bar {
    display: inline-block;
    width: 5rem;
    height: 0.625rem;
    margin-left: 0.5rem;
    vertical-align: middle;
  }
  .bar .track {
    fill: var(--wash);
  }
  .bar .fill {
    fill: var(--accent);
  }
`;
