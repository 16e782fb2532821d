// The choices sheet: option rows grouped into named lists, in the order they appear.
import { cellText, readFlag, readWhole } from "./cell-values.ts";
import { rowCells, type SheetProblem, type Table } from "./read-table.ts";

export interface ChoiceRow {
  row: number;
  option: Record<string, unknown>;
}

export function readChoices(table: Table, problems: SheetProblem[]): Map<string, ChoiceRow[]> {
  const lists = new Map<string, ChoiceRow[]>();
  for (const line of table.rows) {
    const { row, values } = line;
    const { at, read } = rowCells(table, line, problems);
    const list = cellText(values.list ?? null).trim();
    if (list === "") {
      at("list", "缺少选项表名：这一行属于哪张选项表？");
      continue;
    }
    const option: Record<string, unknown> = {
      code: cellText(values.code ?? null).trim() || undefined,
      label: cellText(values.label ?? null) || undefined,
      other: read("other", readFlag),
      otherMaxLength: read("otherMaxLength", readWhole),
      nonSubstantive: read("nonSubstantive", readFlag),
    };
    for (const key of Object.keys(option)) if (option[key] === undefined) delete option[key];
    const rows = lists.get(list) ?? [];
    rows.push({ row, option });
    lists.set(list, rows);
  }
  return lists;
}
