// The respondent's page: a start screen, one screen per section, submission and a thank-you.
import { html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import { nanoid } from "nanoid";
import type {
  AnswerContext,
  AnswerProblem,
  Answers,
  OtherTexts,
} from "../../surveys/format/answers.ts";
import {
  answerOf,
  checkAnswer,
  checkAnswers,
  listQuestions,
} from "../../surveys/format/answers.ts";
import { describeProblem } from "../../surveys/format/messages.ts";
import type { LangChangeEvent } from "../ui/lang-toggle.ts";
import { buttons, tokens } from "../ui/theme.ts";
import "../ui/lang-toggle.ts";
import "../ui/progress-bar.ts";
import type { AnswerChangeEvent } from "./answer-change-event.ts";
import { answeredProgress } from "./answered-progress.ts";
import {
  clearDraft,
  forgetSubmitted,
  loadDraft,
  rememberSubmitted,
  saveDraft,
  submittedReceipt,
} from "./autosave.ts";
import { type Bootstrap, readBootstrap } from "./bootstrap.ts";
import { pageStyles } from "./page-styles.ts";
import { SectionHistory } from "./section-history.ts";
import { type Lang, loadLang, STRINGS, saveLang } from "./strings.ts";
import { SubmitController } from "./submit-controller.ts";
import { answersToSend, sectionOf, sectionProblems, visibleSections } from "./survey-flow.ts";
import {
  type Receipt,
  renderRestored,
  renderStart,
  renderSubmitted,
  renderThanks,
} from "./survey-screens.ts";
import "./survey-section.ts";

/** Per question: a problem found here, or a message the server wrote. */
type Problems = Record<string, AnswerProblem | string>;

const LANGS = [
  { value: "zh", label: "中文", lang: "zh-CN" },
  { value: "en", label: "English", lang: "en" },
];

@customElement("survey-page")
export class SurveyPage extends LitElement {
  static override styles = [tokens, buttons, pageStyles];

  @state() private boot: Bootstrap | null = null;
  @state() private uiLang: Lang = "zh";
  @state() private answers: Answers = {};
  @state() private otherText: OtherTexts = {};
  /** Index into survey.sections; null while on the start screen. */
  @state() private section: number | null = null;
  @state() private problems: Problems = {};
  @state() private restored = false;
  @state() private receipt: Receipt | null = null;
  /** The receipt of this link's earlier submission on this device, shown instead of a new start. */
  @state() private submitted: string | null = null;
  private submissionId = "";
  private submitter = new SubmitController(this);
  private history = new SectionHistory(() => this.showPrevious());

  override connectedCallback() {
    super.connectedCallback();
    this.uiLang = loadLang();
    this.boot = readBootstrap();
    if (!this.boot) return;
    if (!this.boot.preview) this.submitted = submittedReceipt(this.boot.linkId);
    const draft = this.boot.preview ? null : loadDraft(this.boot.linkId);
    this.submissionId = draft?.submissionId ?? nanoid();
    if (!draft) return;
    this.answers = draft.answers;
    this.otherText = draft.otherText;
    this.restored = Object.keys(draft.answers).length > 0;
    const saved = draft.section;
    if (saved === null) return;
    const visible = visibleSections(this.boot.survey, this.answers, this.context);
    this.section = visible.find((i) => i >= saved) ?? visible.at(-1) ?? null;
  }

  override firstUpdated() {
    if (this.boot && !this.boot.preview) this.history.start();
  }

  override render() {
    const t = STRINGS[this.uiLang];
    const boot = this.boot;
    const screen = !boot
      ? html`<p role="alert">${t.broken}</p>`
      : this.receipt
        ? renderThanks(boot.survey, t, this.receipt, !boot.preview && !boot.singleUse)
        : this.submitted !== null
          ? renderSubmitted(boot.survey, t, this.submitted, this.onForget)
          : this.section === null
            ? renderStart(boot.survey, t, this.onStart)
            : this.renderSection(boot, this.section);
    return html`<header>
        <lang-toggle
          .choices=${LANGS}
          value=${this.uiLang}
          label=${t.langGroup}
          @lang-change=${this.onLang}
        ></lang-toggle>
      </header>
      <main>
        ${boot?.preview ? html`<p class="preview" role="note">${t.preview}</p>` : ""} ${screen}
      </main>`;
  }

  private renderSection(boot: Bootstrap, index: number) {
    const t = STRINGS[this.uiLang];
    const visible = visibleSections(boot.survey, this.answers, this.context);
    const step = visible.indexOf(index) + 1;
    const last = index >= (visible.at(-1) ?? 0);
    const sending = this.submitter.state.kind;
    const busy = this.submitter.busy;
    const label = busy ? t.submitting : !last ? t.next : sending === "failed" ? t.retry : t.submit;
    const errors = Object.fromEntries(Object.keys(this.problems).map((c) => [c, this.describe(c)]));
    const done = answeredProgress(boot.survey, this.answers, this.context);
    return html`<p class="title">${boot.survey.title}</p>
      <progress-bar
        value=${done.answered}
        max=${done.shown}
        label=${`${t.progress(step, visible.length)} · ${t.answered(done.answered, done.shown)}`}
      ></progress-bar>
      ${this.restored ? renderRestored(t, this.onStartOver) : ""}
      ${keyed(
        index,
        html`<survey-section
          .survey=${boot.survey}
          .index=${index}
          .answers=${this.answers}
          .otherText=${this.otherText}
          .errors=${errors}
          .lockedCategory=${boot.lockedCategory}
          .uiLang=${this.uiLang}
          @answer-change=${this.onAnswer}
        ></survey-section>`,
      )}
      <div class="actions">
        <button type="button" @click=${this.onBack}>${t.back}</button>
        <button
          type="button"
          class="primary"
          aria-disabled=${busy ? "true" : "false"}
          @click=${last ? this.onSubmit : this.onNext}
        >
          ${label}
        </button>
      </div>
      <p class="status" role="status">${this.statusText()}</p>`;
  }

  private get context(): AnswerContext {
    return { lockedCategory: this.boot?.lockedCategory ?? null };
  }

  private describe(code: string): string {
    const problem = answerOf(this.problems, code);
    if (problem === undefined) return "";
    return typeof problem === "string" ? problem : describeProblem(problem, this.uiLang);
  }

  private statusText(): string {
    const t = STRINGS[this.uiLang];
    const count = Object.keys(this.problems).length;
    return this.submitter.describe(t) || (count > 0 ? t.fixErrors(count) : "");
  }

  private save() {
    if (!this.boot || this.receipt || this.boot.preview) return;
    const { answers, otherText, section, submissionId } = this;
    saveDraft(this.boot.linkId, { answers, otherText, section, submissionId });
  }

  /** `push`: a move the phone's Back gesture should undo (not a move back, nor a fresh start). */
  private async goTo(section: number | null, push = true) {
    if (push) this.history.push();
    this.section = section;
    this.problems = {};
    this.submitter.reset();
    this.save();
    await this.updateComplete;
    window.scrollTo(0, 0);
    const body = this.renderRoot.querySelector("survey-section");
    if (body) await body.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>("[tabindex='-1']")?.focus();
  }

  /** Shows problems next to their questions, on the section of the first, and focuses it. */
  private async showProblems(problems: Problems) {
    const first = Object.keys(problems)[0];
    if (!this.boot || first === undefined) return;
    const section = sectionOf(this.boot.survey, first);
    if (section >= 0 && section !== this.section) await this.goTo(section);
    this.problems = problems;
    await this.updateComplete;
    await this.renderRoot.querySelector("survey-section")?.focusQuestion(first);
  }

  /** True when the section may be left; otherwise shows why. */
  private checkSection(index: number): boolean {
    if (!this.boot) return false;
    const found = sectionProblems(
      this.boot.survey,
      index,
      this.answers,
      this.otherText,
      this.context,
    );
    if (found.length > 0) this.showProblems(Object.fromEntries(found.map((p) => [p.question, p])));
    return found.length === 0;
  }

  private onLang(e: LangChangeEvent) {
    this.uiLang = e.lang === "en" ? "en" : "zh";
    saveLang(this.uiLang);
  }

  private onStart() {
    if (!this.boot) return;
    this.goTo(visibleSections(this.boot.survey, this.answers, this.context)[0] ?? 0);
  }

  private onAnswer(e: AnswerChangeEvent) {
    const { code, value, otherText } = e;
    const { [code]: _a, ...answers } = this.answers;
    const { [code]: _o, ...others } = this.otherText;
    this.answers = value === undefined ? answers : { ...answers, [code]: value };
    this.otherText = otherText === undefined ? others : { ...others, [code]: otherText };
    const question = this.boot && listQuestions(this.boot.survey).find((q) => q.code === code);
    const problem = question ? checkAnswer(question, value, otherText) : null;
    // Live feedback only corrects shown problems, or stops a choice past the limit at once.
    if (answerOf(this.problems, code) !== undefined || problem?.rule === "tooMany") {
      const { [code]: _p, ...rest } = this.problems;
      this.problems = problem ? { ...rest, [code]: problem } : rest;
    }
    this.save();
  }

  private onNext() {
    const index = this.section;
    if (!this.boot || index === null || !this.checkSection(index)) return;
    const next = visibleSections(this.boot.survey, this.answers, this.context).find(
      (i) => i > index,
    );
    if (next !== undefined) this.goTo(next);
  }

  /** A step back in the tab's history, as the phone's Back gesture takes, when there is one. */
  private onBack() {
    if (!this.history.back()) this.showPrevious();
  }

  /** The previous shown section, or the start screen; on the start screen, Back leaves the page. */
  private showPrevious() {
    const index = this.section;
    if (!this.boot || this.receipt || this.submitted !== null) return;
    if (index === null) return this.history.rewind();
    const visible = visibleSections(this.boot.survey, this.answers, this.context);
    this.goTo(visible.filter((i) => i < index).at(-1) ?? null, false);
  }

  /** Clears the record of an earlier submission, so this phone can fill the survey in again. */
  private async onForget() {
    if (!this.boot) return;
    forgetSubmitted(this.boot.linkId);
    this.submitted = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("[tabindex='-1']")?.focus();
  }

  private onStartOver() {
    if (!this.boot || !window.confirm(STRINGS[this.uiLang].confirmStartOver)) return;
    clearDraft(this.boot.linkId);
    this.answers = {};
    this.otherText = {};
    this.submissionId = nanoid();
    this.restored = false;
    this.goTo(null, false);
    this.history.rewind();
  }

  private async onSubmit() {
    const boot = this.boot;
    const index = this.section;
    if (!boot || index === null || this.submitter.busy || !this.checkSection(index)) return;
    const sent = answersToSend(boot.survey, this.answers, this.otherText, this.context);
    const found = checkAnswers(boot.survey, sent.answers, sent.otherText, this.context);
    if (found.length > 0)
      return this.showProblems(Object.fromEntries(found.map((p) => [p.question, p])));
    // A preview ends here: the author sees the closing screen, and nothing leaves the page.
    if (boot.preview) {
      this.receipt = { receipt: STRINGS[this.uiLang].preview, submittedOn: "—" };
      return this.goTo(null);
    }
    const submission = { submissionId: this.submissionId, version: boot.version, ...sent };
    const outcome = await this.submitter.send(boot.submitPath, submission, boot.challengePath);
    if (outcome?.kind === "stored") {
      clearDraft(boot.linkId);
      if (!boot.singleUse) rememberSubmitted(boot.linkId, outcome.receipt);
      // A used code leaves the address bar (/c/ABCD → /c/); the browser's visited list keeps it.
      // The thank-you screen waits for the history to settle, so a tap cannot race the rewind.
      await this.history.rewind(
        boot.singleUse ? location.pathname.replace(/[^/]*$/, "") : undefined,
      );
      this.receipt = outcome;
      await this.goTo(null, false);
    } else if (outcome?.kind === "invalid") {
      const fields = outcome.fields.flatMap((f) => (f.question ? [[f.question, f.message]] : []));
      if (fields.length > 0) await this.showProblems(Object.fromEntries(fields));
      const general = outcome.fields.flatMap((f) => (f.question ? [] : [f.message]));
      this.submitter.say(general.join(" ") || outcome.message);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "survey-page": SurveyPage;
  }
}
