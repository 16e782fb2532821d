// One section's screen body: its heading, description and questions, with hidden ones left out.
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";
import { answerOf } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { tokens } from "../ui/theme.ts";
import type { Lang } from "./strings.ts";
import { numberQuestions, visibleQuestions } from "./survey-flow.ts";
import "./survey-question.ts";

@customElement("survey-section")
export class SurveySection extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      h1 {
        margin: 0.5rem 0 0.75rem;
        font-size: 1.375rem;
        line-height: 1.35;
        overflow-wrap: anywhere;
      }
      h1:focus {
        outline: none;
      }
      p {
        white-space: pre-line;
        overflow-wrap: anywhere;
      }
      survey-question {
        margin-bottom: 1rem;
      }
      survey-question[hidden] {
        display: none;
      }
    `,
  ];

  /** The whole survey: display logic may look back at earlier sections. */
  @property({ attribute: false }) survey!: Survey;
  /** Which of survey.sections to show. */
  @property({ type: Number }) index = 0;
  @property({ attribute: false }) answers: Answers = {};
  @property({ attribute: false }) otherText: OtherTexts = {};
  /** Messages to show under questions, by question code. */
  @property({ attribute: false }) errors: Record<string, string> = {};
  /** The category fixed by the link, which hides the category question. */
  @property({ attribute: false }) lockedCategory: string | null = null;
  @property({ attribute: false }) uiLang: Lang = "zh";

  /** Moves focus to the heading, so a screen reader announces the new screen. */
  async focusHeading() {
    await this.updateComplete;
    this.renderRoot.querySelector("h1")?.focus();
  }

  /** Moves focus into one question, once its latest message is on screen. */
  async focusQuestion(code: string) {
    await this.updateComplete;
    const element = [...this.renderRoot.querySelectorAll("survey-question")].find(
      (el) => el.question.code === code,
    );
    await element?.updateComplete;
    element?.focusControl();
  }

  override render() {
    const context = { lockedCategory: this.lockedCategory };
    const section = this.survey.sections[this.index];
    if (!section) return html``;
    const shown = new Set(visibleQuestions(this.survey, this.index, this.answers, context));
    const numbers = numberQuestions(this.survey, context);
    return html`<h1 tabindex="-1">${section.title}</h1>
      ${section.description ? html`<p>${section.description}</p>` : ""}
      ${section.questions.map(
        (q) => html`<survey-question
          data-code=${q.code}
          ?hidden=${!shown.has(q)}
          .question=${q}
          .value=${answerOf(this.answers, q.code)}
          .otherText=${answerOf(this.otherText, q.code)}
          number=${numbers.get(q.code) ?? 0}
          error=${answerOf(this.errors, q.code) ?? ""}
          .uiLang=${this.uiLang}
        ></survey-question>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "survey-section": SurveySection;
  }
}
