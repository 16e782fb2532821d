// Events the editor's parts send up to survey-editor, which owns the working copy and saves it.
import type { Path } from "./editor-model.ts";
import type { ListOp } from "./survey-edits.ts";

/** Set one value in the survey; undefined clears an optional field. */
export class SurveyEditEvent extends Event {
  static readonly eventName = "survey-edit";
  readonly path: Path;
  readonly value: unknown;

  constructor(path: Path, value: unknown) {
    super(SurveyEditEvent.eventName, { bubbles: true, composed: true });
    this.path = path;
    this.value = value;
  }
}

/** Move, remove or add an item of the list at `path` (sections, questions, options, rows). */
export class ListEditEvent extends Event {
  static readonly eventName = "list-edit";
  readonly path: Path;
  readonly op: ListOp;
  readonly index: number;
  readonly item: unknown;

  constructor(path: Path, op: ListOp, index: number, item?: unknown) {
    super(ListEditEvent.eventName, { bubbles: true, composed: true });
    this.path = path;
    this.op = op;
    this.index = index;
    this.item = item;
  }
}

/** A draft to open in the editor (just created, or picked from the list). */
export class DraftOpenEvent extends Event {
  static readonly eventName = "draft-open";
  readonly draftId: string;

  constructor(draftId: string) {
    super(DraftOpenEvent.eventName, { bubbles: true, composed: true });
    this.draftId = draftId;
  }
}

declare global {
  interface HTMLElementEventMap {
    "survey-edit": SurveyEditEvent;
    "list-edit": ListEditEvent;
    "draft-open": DraftOpenEvent;
  }
}
