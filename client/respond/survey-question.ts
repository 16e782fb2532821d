// One question as a fieldset of native controls; every change goes up as an answer-change event.
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import { live } from "lit/directives/live.js";
import type { AnswerValue } from "../../surveys/format/answers.ts";
import { DEFAULT_OTHER_MAX_LENGTH, isChoice, isText } from "../../surveys/format/answers.ts";
import type { ChoiceQuestion, Option, Question } from "../../surveys/format/schema.ts";
import { tokens } from "../ui/theme.ts";
import { AnswerChangeEvent } from "./answer-change-event.ts";
import "./matrix-question.ts";
import { type Lang, STRINGS } from "./strings.ts";
import { questionStyles } from "./survey-question-styles.ts";
import { clampText, countChars } from "./text-limit.ts";

@customElement("survey-question")
export class SurveyQuestion extends LitElement {
  static override styles = [tokens, questionStyles];

  /** The question, already resolved by the server. */
  @property({ attribute: false }) question!: Question;
  /** The current answer: an option code, a list of codes, or text. */
  @property({ attribute: false }) value: AnswerValue | undefined;
  /** The text of a chosen “其他” option. */
  @property({ attribute: false }) otherText: string | undefined;
  /** The number shown before the text. */
  @property({ type: Number }) number = 0;
  /** A message describing what is wrong with the answer; empty when nothing is. */
  @property() error = "";
  /** Language of the page's own words; the question text stays as authored. */
  @property({ attribute: false }) uiLang: Lang = "zh";

  /**
   * A passing message where it arose: `at` is the option whose tick was refused, or "" for the
   * text box. It goes with the next change.
   */
  @state() private note: { at: string; text: string } | null = null;
  /** “其他” text kept while its option is unticked: not sent, but back on a re-tick. */
  private keptOther = "";

  /** Puts focus on the control a keyboard user would reach first. */
  focusControl() {
    const grid = this.renderRoot.querySelector("matrix-question");
    if (grid) return grid.focusControl();
    const other = this.renderRoot.querySelector<HTMLInputElement>("#other");
    if (other && this.error && other.value.trim() === "") return other.focus();
    const checked = this.renderRoot.querySelector<HTMLInputElement>("input:checked");
    (checked ?? this.renderRoot.querySelector<HTMLElement>("input, textarea"))?.focus();
  }

  override render() {
    const q = this.question;
    const t = STRINGS[this.uiLang];
    // A grid shows its own message, naming the rows left unanswered.
    const error = q.kind === "matrix" ? "" : this.error;
    const described = [q.help && "help", this.hint() && "hint", error && "error"];
    return html`<fieldset
      aria-describedby=${(!isText(q) && described.filter(Boolean).join(" ")) || nothing}
      aria-invalid=${this.error ? "true" : nothing}
    >
      <legend id="legend">
        <span class="number">${this.number}.</span> ${q.text}
        ${q.required ? html`<span class="required">${t.required}</span>` : nothing}
      </legend>
      ${q.help ? html`<p id="help" class="help">${q.help}</p>` : nothing}
      ${this.hint() ? html`<p id="hint" class="help">${this.hint()}</p>` : nothing}
      ${error ? html`<p id="error" class="error">${error}</p>` : nothing}
      ${keyed(
        q.code,
        isChoice(q)
          ? this.renderChoices(q)
          : q.kind === "matrix"
            ? html`<matrix-question
                .question=${q}
                .value=${this.value}
                error=${this.error}
                .uiLang=${this.uiLang}
              ></matrix-question>`
            : this.renderText(q.kind === "longText", q.maxLength),
      )}
      <p class="vh" role="status">${this.note?.text}</p>
    </fieldset>`;
  }

  private renderChoices(q: ChoiceQuestion) {
    const type = q.kind === "single" ? "radio" : "checkbox";
    const chosen = this.selected();
    return html`<div class="options">
      ${q.options.map(
        (o) => html`<label class="option">
          <input
            type=${type}
            name="choice"
            .value=${o.code}
            .checked=${live(chosen.includes(o.code))}
            @change=${() => this.onChoose(q, o)}
          />
          <span>${o.label}</span>
          ${this.note?.at === o.code ? this.renderNote("tip") : nothing}
        </label>`,
      )}
    </div>
    ${this.renderOther(q)}`;
  }

  private renderOther(q: ChoiceQuestion) {
    const chosen = this.selected();
    const option = q.options.find((o) => o.other && chosen.includes(o.code));
    if (!option) return nothing;
    const max = option.otherMaxLength ?? DEFAULT_OTHER_MAX_LENGTH;
    const text = this.otherText ?? "";
    return html`<div class="other">
      <label for="other">${STRINGS[this.uiLang].otherLabel}</label>
      <input
        id="other"
        type="text"
        aria-describedby=${this.error ? "error other-count" : "other-count"}
        aria-invalid=${this.error ? "true" : nothing}
        .value=${live(text)}
        @input=${(e: Event) => this.onText(e, max, true)}
        @compositionend=${(e: Event) => this.onText(e, max, true)}
      />
      ${this.renderCounter("other-count", text, max)}
    </div>`;
  }

  private renderText(long: boolean, max: number) {
    const text = typeof this.value === "string" ? this.value : "";
    const described = [this.question.help && "help", "count", this.error && "error"];
    const onInput = (e: Event) => this.onText(e, max, false);
    const invalid = this.error ? "true" : nothing;
    return html`${
      long
        ? html`<textarea
          rows="5"
          aria-labelledby="legend"
          aria-describedby=${described.filter(Boolean).join(" ")}
          aria-invalid=${invalid}
          .value=${live(text)}
          @input=${onInput}
          @compositionend=${onInput}
        ></textarea>`
        : html`<input
          type="text"
          aria-labelledby="legend"
          aria-describedby=${described.filter(Boolean).join(" ")}
          aria-invalid=${invalid}
          .value=${live(text)}
          @input=${onInput}
          @compositionend=${onInput}
        />`
    }
    ${this.renderCounter("count", text, max)}`;
  }

  private renderCounter(id: string, text: string, max: number) {
    const note = this.note?.at === "" ? this.renderNote("") : "";
    const count = STRINGS[this.uiLang].counter(countChars(text), max);
    return html`<p id=${id} class="counter">${note}${count}</p>`;
  }

  /** The visible copy of the note; screen readers hear it once, from the status line. */
  private renderNote(kind: string) {
    return html`<b class=${kind} aria-hidden="true">${this.note?.text}</b>`;
  }

  private hint(): string {
    const q = this.question;
    if (q.kind !== "multiple") return "";
    const t = STRINGS[this.uiLang];
    const min = q.minSelections ?? 1;
    const hints = [min > 1 ? t.atLeast(min) : "", q.maxSelections ? t.atMost(q.maxSelections) : ""];
    return hints.filter(Boolean).join("，");
  }

  private selected(): string[] {
    const v = this.value;
    return typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
  }

  /**
   * Holds a box to its limit itself, since maxlength counts UTF-16 units. An IME's unfinished
   * syllables are left alone: compositionend brings the committed text back here.
   */
  private onText(e: Event, max: number, other: boolean) {
    const box: EventTarget | null = e.target;
    if (!(box instanceof HTMLInputElement || box instanceof HTMLTextAreaElement)) return;
    const composing = e instanceof InputEvent && e.isComposing;
    const cut = composing ? 0 : clampText(box, max);
    const t = STRINGS[this.uiLang];
    const pasted = e instanceof InputEvent && e.inputType.startsWith("insertFrom");
    this.note = cut ? { at: "", text: pasted ? t.pasteCut(max, cut) : t.atLimit(max) } : null;
    if (other) this.emit(this.value, box.value);
    else this.emit(box.value || undefined, undefined);
  }

  private onChoose(q: ChoiceQuestion, option: Option) {
    const chosen = this.selected();
    const max = q.kind === "multiple" ? q.maxSelections : undefined;
    // A tick past the limit is refused on the spot: the answer keeps its choices, and the
    // message floats by the finger without moving anything under it. Each note is a new object,
    // so even a repeated refusal renders again, and live() unticks the box.
    if (max && chosen.length >= max && !chosen.includes(option.code)) {
      this.note = { at: option.code, text: STRINGS[this.uiLang].refused(max) };
      return;
    }
    this.note = null;
    const next =
      q.kind === "single"
        ? [option.code]
        : q.options
            .map((o) => o.code)
            .filter((code) => (code === option.code) !== chosen.includes(code));
    const keepsOther = q.options.some((o) => o.other && next.includes(o.code));
    const value = q.kind === "single" ? option.code : next.length > 0 ? next : undefined;
    if (this.otherText !== undefined) this.keptOther = this.otherText;
    this.emit(value, keepsOther ? this.keptOther : undefined);
  }

  private emit(value: AnswerValue | undefined, otherText: string | undefined) {
    this.dispatchEvent(new AnswerChangeEvent(this.question.code, value, otherText));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "survey-question": SurveyQuestion;
  }
}
