// Looks of the console frame: a wrapping header, a nav that wraps on tablets, one content column.
import { css } from "lit";

export const consoleStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--wash);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    padding: 0.75rem 1rem;
    background: var(--paper);
    border-bottom: 0.0625rem solid var(--line);
  }
  h1 {
    margin: 0;
    font-size: 1.25rem;
  }
  header survey-picker {
    flex: 1 1 16rem;
  }
  .who {
    margin: 0;
    color: var(--muted);
  }
  nav {
    background: var(--paper);
    border-bottom: 0.0625rem solid var(--line);
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0 auto;
    padding: 0.25rem 1rem;
    list-style: none;
  }
  nav a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.25rem 0.875rem;
    border-radius: var(--radius);
    color: var(--accent);
    font-weight: 600;
    text-decoration: none;
  }
  nav a:hover {
    text-decoration: underline;
  }
  nav a[aria-current="page"] {
    background: var(--accent);
    color: var(--accent-ink);
  }
  main {
    max-width: 80rem;
    margin: 0 auto;
    padding: 1.25rem 1rem 3rem;
  }
  main:focus {
    outline: none;
  }
`;
