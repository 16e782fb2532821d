// Events shared by several forms; each element's own events live in its file.
export class FormCancelEvent extends Event {
  static readonly eventName = "form-cancel";

  constructor() {
    super(FormCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A problem found before sending, shown the way the server's own problems are. */
export const localProblem = (field: string, message: string) => ({
  status: 0,
  message: "请先改正下面的问题。",
  fields: [{ field, message }],
});

declare global {
  interface HTMLElementEventMap {
    "form-cancel": FormCancelEvent;
  }
}
