// Screens and notices without questions: the opening with the privacy note, restore, thank-you,
// and "already submitted" on a later visit.
import { html } from "lit";
import type { Survey } from "../../surveys/format/schema.ts";
import type { UiStrings } from "./strings.ts";

export interface Receipt {
  receipt: string;
  submittedOn: string;
}

export function renderStart(survey: Survey, t: UiStrings, onStart: () => void) {
  return html`<h1 tabindex="-1">${survey.title}</h1>
    ${survey.intro ? html`<p class="intro">${survey.intro}</p>` : ""}
    <p class="privacy">
      ${t.privacy}
      <a href="/privacy" target="_blank" rel="noopener">${t.storedLink}</a>
    </p>
    <p class="note">${t.draftNote}</p>
    <div class="actions">
      <button type="button" class="primary" @click=${onStart}>${t.start}</button>
    </div>`;
}

/** Offered after a reload restored a draft: on a shared phone it may be someone else's. */
export function renderRestored(t: UiStrings, onStartOver: () => void) {
  return html`<div class="restored">
    <p>${t.restored}</p>
    <button type="button" @click=${onStartOver}>${t.startOver}</button>
  </div>`;
}

/** `remembered`: this device keeps that the link was answered (links only, never a code). */
export function renderThanks(survey: Survey, t: UiStrings, receipt: Receipt, remembered: boolean) {
  return html`<h1>${survey.title}</h1>
    <h2 tabindex="-1">${t.thanks}</h2>
    <dl>
      <dt>${t.receipt}</dt>
      <dd class="receipt">${receipt.receipt}</dd>
      <dt>${t.submittedOn}</dt>
      <dd>${receipt.submittedOn}</dd>
    </dl>
    <p class="note">${t.cleared} ${remembered ? t.remembered : ""}</p>`;
}

/** A later visit to a link answered on this device; clearing the record offers the survey again. */
export function renderSubmitted(
  survey: Survey,
  t: UiStrings,
  receipt: string,
  onForget: () => void,
) {
  return html`<h1>${survey.title}</h1>
    <h2 tabindex="-1">${t.submittedBefore}</h2>
    <dl>
      <dt>${t.receipt}</dt>
      <dd class="receipt">${receipt}</dd>
    </dl>
    <p class="note">${t.remembered}</p>
    <div class="actions"><button type="button" @click=${onForget}>${t.forget}</button></div>`;
}
