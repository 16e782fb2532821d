// The editor's form controls: a labelled input bound to a survey path, with the server's problems
// for that exact path shown under it, and the up/down/remove buttons of a list item.
import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { ListEditEvent, SurveyEditEvent } from "./editor-events.ts";
import { type Path, type Problem, pathKey } from "./editor-model.ts";

export const problemsAt = (problems: readonly Problem[], path: Path): Problem[] => {
  const key = pathKey(path);
  return problems.filter((p) => p.path === key);
};

/** Problems under `path` but on none of `fields`: e.g. a missing option list, a showIf rule. */
export function problemsOwnedBy(problems: readonly Problem[], path: Path, fields: string[]) {
  const keys = new Set([path, ...fields.map((f) => [...path, f])].map(pathKey));
  return problems.filter((p) => keys.has(p.path));
}

export function problemLines(list: readonly Problem[], id?: string) {
  if (list.length === 0) return nothing;
  return html`<ul class="problems" id=${id ?? nothing}>
    ${list.map((p) => html`<li>${p.message}</li>`)}
  </ul>`;
}

const send = (e: Event, path: Path, value: unknown) =>
  e.target?.dispatchEvent(new SurveyEditEvent(path, value));

interface FieldOptions {
  label: string;
  path: Path;
  problems: readonly Problem[];
  hint?: string;
  wide?: boolean;
}

function frame(o: FieldOptions, control: (id: string, invalid: boolean) => unknown) {
  const mine = problemsAt(o.problems, o.path);
  const id = `p-${pathKey(o.path)}`;
  return html`<label class=${o.wide ? "wide" : nothing}>
    ${o.label}${o.hint ? html`<span class="hint">${o.hint}</span>` : nothing}
    ${control(id, mine.length > 0)} ${problemLines(mine, id)}
  </label>`;
}

/** Optional texts (help, intro…) are removed when emptied; required ones stay "" for the check. */
export function textField(
  o: FieldOptions & { value: string | undefined; long?: boolean; optional?: boolean },
) {
  const read = (e: Event) => {
    const box = e.target;
    const v =
      box instanceof HTMLInputElement || box instanceof HTMLTextAreaElement ? box.value : "";
    return o.optional && v === "" ? undefined : v;
  };
  return frame(o, (id, invalid) =>
    o.long
      ? html`<textarea
          class="prose"
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby=${invalid ? id : nothing}
          .value=${live(o.value ?? "")}
          @input=${(e: Event) => send(e, o.path, read(e))}
        ></textarea>`
      : html`<input
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby=${invalid ? id : nothing}
          .value=${live(o.value ?? "")}
          @input=${(e: Event) => send(e, o.path, read(e))}
        />`,
  );
}

/** Empty means "not set"; anything else is sent as a number for the server to judge. */
export function numberField(o: FieldOptions & { value: number | undefined }) {
  const read = (e: Event) => {
    const v = e.target instanceof HTMLInputElement ? e.target.value : "";
    return v === "" ? undefined : Number(v);
  };
  return frame(
    o,
    (id, invalid) =>
      html`<input
      type="number"
      inputmode="numeric"
      aria-invalid=${invalid ? "true" : "false"}
      aria-describedby=${invalid ? id : nothing}
      .value=${live(o.value === undefined ? "" : String(o.value))}
      @input=${(e: Event) => send(e, o.path, read(e))}
    />`,
  );
}

/** `keepFalse`: required is always written; flags such as other are removed when unticked. */
export function checkField(o: FieldOptions & { value: boolean | undefined; keepFalse?: boolean }) {
  const mine = problemsAt(o.problems, o.path);
  const onChange = (e: Event) => {
    const on = e.target instanceof HTMLInputElement && e.target.checked;
    send(e, o.path, on || o.keepFalse ? on : undefined);
  };
  return html`<label class="check">
    <input type="checkbox" .checked=${live(o.value === true)} @change=${onChange} />${o.label}
    ${problemLines(mine)}
  </label>`;
}

/** 上移/下移/删除 for item `index` of the list at `path`; `what` names it for screen readers. */
export function itemButtons(path: Path, index: number, length: number, what: string, min = 0) {
  const fire = (e: Event, op: "up" | "down" | "remove") =>
    e.target?.dispatchEvent(new ListEditEvent(path, op, index));
  return html`<span class="item-buttons">
    <button type="button" class="small" aria-label="上移${what}" ?disabled=${index === 0} @click=${(e: Event) => fire(e, "up")}>↑</button>
    <button type="button" class="small" aria-label="下移${what}" ?disabled=${index === length - 1} @click=${(e: Event) => fire(e, "down")}>↓</button>
    <button type="button" class="small" aria-label="删除${what}" ?disabled=${length <= min} @click=${(e: Event) => fire(e, "remove")}>删除</button>
  </span>`;
}

/** 添加… after the last item (or after `index`). */
export function addButton(path: Path, index: number, item: unknown, label: string) {
  return html`<button
    type="button"
    @click=${(e: Event) => e.target?.dispatchEvent(new ListEditEvent(path, "add", index, item))}
  >
    ${label}
  </button>`;
}
