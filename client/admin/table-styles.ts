// Looks of the console's tables: captions, sideways scrolling, figures, row actions and state badges.
import { css } from "lit";

export const tableStyles = css`
  .scroll {
    overflow-x: auto;
    margin: 0 0 1rem;
    background: var(--paper);
    border: 0.0625rem solid var(--line);
    border-radius: var(--radius);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    padding: 0.5rem 0.75rem;
    text-align: left;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.5rem 0.75rem;
    border-top: 0.0625rem solid var(--line);
    text-align: left;
    vertical-align: top;
    white-space: nowrap;
  }
  th {
    background: var(--wash);
  }
  td.num,
  th.num {
    text-align: right;
  }
  td.wrap {
    white-space: normal;
    min-width: 10rem;
    overflow-wrap: anywhere;
  }
  /* Buttons wrap within a readable width, so a laptop sees every action without scrolling;
     a narrow screen scrolls the table instead of squeezing them. */
  td .actions {
    flex-wrap: wrap;
    min-width: 15rem;
  }
  td copy-text {
    min-width: 16rem;
  }
  td .actions button,
  td .actions a {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.9375rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 1rem;
    border: 0.0625rem solid currentColor;
    font-size: 0.875rem;
  }
  .badge.open {
    color: #1d6b2f;
  }
  .badge.paused {
    color: #8a4b00;
  }
  .badge.closed,
  .badge.revoked {
    color: var(--muted);
  }
`;

/** A link styled as a secondary button, for downloads and the print page. */
export const linkButtons = css`
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 0.125rem solid var(--accent);
    border-radius: var(--radius);
    color: var(--accent);
    font-weight: 600;
    text-decoration: none;
  }
`;
