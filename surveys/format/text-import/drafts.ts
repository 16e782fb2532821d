// The questionnaire as read, before codes and kinds are decided: what the line reader builds.
import type { FoundOption } from "./options.ts";
import type { Blank } from "./question-hints.ts";

export interface DraftOption extends FoundOption {
  line: number;
}

export interface DraftQuestion {
  line: number;
  number: number;
  text: string;
  norm: string;
  options: DraftOption[];
  blank: Blank;
  /** Still taking wrapped lines of its text: nothing but text has followed it yet. */
  open: boolean;
}

export interface DraftSection {
  /** 0 for the section made up for questions that come before any heading. */
  line: number;
  title: string;
  norm: string;
  description: string[];
  questions: DraftQuestion[];
}

export interface Draft {
  title?: { line: number; text: string };
  intro: string[];
  sections: DraftSection[];
}

export const emptyBlank = (): Blank => ({ lines: 0, chars: 0, empty: 0 });
