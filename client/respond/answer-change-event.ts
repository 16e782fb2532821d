// The one event every answer control sends up: a question's new answer (and “其他” text).
import type { AnswerValue } from "../../surveys/format/answers.ts";

export class AnswerChangeEvent extends Event {
  static readonly eventName = "answer-change";
  readonly code: string;
  readonly value: AnswerValue | undefined;
  /** Text for a chosen “其他” option; undefined when none is chosen. */
  readonly otherText: string | undefined;

  constructor(code: string, value: AnswerValue | undefined, otherText: string | undefined) {
    super(AnswerChangeEvent.eventName, { bubbles: true, composed: true });
    this.code = code;
    this.value = value;
    this.otherText = otherText;
  }
}

declare global {
  interface HTMLElementEventMap {
    "answer-change": AnswerChangeEvent;
  }
}
