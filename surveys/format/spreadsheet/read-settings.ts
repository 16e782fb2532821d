// The settings sheet: one key/value row each for id, title, intro, minBase and var.<name>.
import { cellText, readWhole } from "./cell-values.ts";
import { type Places, SETTINGS_FIELDS } from "./places.ts";
import { rowCells, type SheetProblem, type Table } from "./read-table.ts";

const TEXT_KEYS = new Set(["id", "title", "intro"]);

export function readSettings(
  table: Table,
  places: Places,
  problems: SheetProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const variables: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const line of table.rows) {
    const { row, values } = line;
    const key = cellText(values.key ?? null).trim();
    const value = values.value ?? null;
    const { at } = rowCells(table, line, problems);
    if (key === "") {
      at("key", "缺少设置名（id、title、intro、minBase 或 var.名称）");
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      at("key", `设置“${key}”重复了（第 ${earlier} 行已有）`);
      continue;
    }
    seen.set(key, row);
    const place = { table, row, fields: SETTINGS_FIELDS };
    if (key.startsWith("var.")) {
      const name = key.slice(4);
      variables[name] = cellText(value);
      places.set(["variables", name], place);
    } else if (TEXT_KEYS.has(key)) {
      const text = key === "id" ? cellText(value).trim() : cellText(value);
      if (text.trim() !== "") out[key] = text;
      places.set([key], place);
    } else if (key === "minBase") {
      const number = readWhole(value);
      if (number.ok) out.minBase = number.value;
      else at("value", number.message);
      places.set([key], place);
    } else {
      at("key", `不认识的设置“${key}”：可用 id、title、intro、minBase、var.名称`);
    }
  }
  out.variables = variables;
  return out;
}
