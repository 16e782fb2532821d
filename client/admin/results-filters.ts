// The results view's controls: version, banner, channels, days, and counts or percents.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ResultsOptions } from "../../server/domain/results-shapes.ts";
import { tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { formatCount } from "./format.ts";
import type { Mode, Selection } from "./results-query.ts";
import { filterStyles } from "./results-styles.ts";

/** The analyst changed what is tabulated; the view fetches anew. */
export class ResultsSelectEvent extends Event {
  static readonly eventName = "results-select";
  readonly selection: Selection;

  constructor(selection: Selection) {
    super(ResultsSelectEvent.eventName, { bubbles: true, composed: true });
    this.selection = selection;
  }
}

/** Counts or percents: only the display changes, nothing is fetched. */
export class ResultsModeEvent extends Event {
  static readonly eventName = "results-mode";
  readonly mode: Mode;

  constructor(mode: Mode) {
    super(ResultsModeEvent.eventName, { bubbles: true, composed: true });
    this.mode = mode;
  }
}

@customElement("results-filters")
export class ResultsFilters extends LitElement {
  static override styles = [tokens, viewStyles, formStyles, filterStyles];

  /** What the pickers offer. */
  @property({ attribute: false }) options!: ResultsOptions;
  /** What is picked now. */
  @property({ attribute: false }) selection!: Selection;
  /** The banner the server used, shown while the selection leaves it to the default. */
  @property() banner = "";
  @property() mode: Mode = "count";

  override render() {
    return html`<form @submit=${(e: Event) => e.preventDefault()} @change=${this.onChange}>
      ${this.renderSelects()} ${this.renderDays()}
      <fieldset class="wide">
        <legend>渠道（都不选即全部渠道）</legend>
        <div class="choices">
          ${this.options.channels.length === 0 ? html`<span class="note">还没有发布的答卷。</span>` : nothing}
          ${this.options.channels.map(
            (c) => html`<label>
              <input type="checkbox" name="channel" value=${c.id} .checked=${this.selection.channels.includes(c.id)} />${c.label}
            </label>`,
          )}
        </div>
      </fieldset>
      <fieldset class="wide">
        <legend>表中显示</legend>
        <div class="choices">
          <label><input type="radio" name="mode" value="count" .checked=${this.mode === "count"} />计数</label>
          <label><input type="radio" name="mode" value="percent" .checked=${this.mode === "percent"} />百分比</label>
        </div>
      </fieldset>
    </form>`;
  }

  private renderSelects() {
    const { options: o, selection: s } = this;
    const version = s.version ?? o.current;
    const banner = s.banner || this.banner;
    return html`<label>
        版本
        <select name="version">
          ${o.versions.map(
            (v) => html`<option value=${v.version} ?selected=${v.version === version}>
              第 ${v.version} 版（${formatCount(v.responses)} 份${v.version === o.current ? "，当前" : ""}）
            </option>`,
          )}
        </select>
      </label>
      <label>
        分列依据
        <select name="banner">
          ${o.banners.map(
            (b) => html`<option value=${b.question} ?selected=${b.question === banner}>
              ${b.question} ${b.text}
            </option>`,
          )}
        </select>
      </label>`;
  }

  /** Days outside the responses' first and last day would only ever select nothing. */
  private renderDays() {
    const days = this.options.days;
    const min = days?.first ?? nothing;
    const max = days?.last ?? nothing;
    return html`<label>
        开始日期
        <input name="from" type="date" min=${min} max=${max} .value=${this.selection.from} />
      </label>
      <label>
        结束日期
        <input name="to" type="date" min=${min} max=${max} .value=${this.selection.to} />
      </label>`;
  }

  /** Every control reports through the form's change event, read back as one whole selection. */
  private onChange(e: Event) {
    const form = e.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === "string" ? v : "";
    };
    if (e.target instanceof HTMLInputElement && e.target.name === "mode") {
      this.dispatchEvent(new ResultsModeEvent(text("mode") === "percent" ? "percent" : "count"));
      return;
    }
    const version = Number(text("version"));
    const channels = data.getAll("channel").filter((v): v is string => typeof v === "string");
    this.dispatchEvent(
      new ResultsSelectEvent({
        version: Number.isInteger(version) && version > 0 ? version : null,
        banner: text("banner"),
        channels,
        from: text("from"),
        to: text("to"),
      }),
    );
  }
}

declare global {
  interface HTMLElementEventMap {
    "results-select": ResultsSelectEvent;
    "results-mode": ResultsModeEvent;
  }
  interface HTMLElementTagNameMap {
    "results-filters": ResultsFilters;
  }
}
