// The choices sheet: option rows grouped into named lists, in the order they appear.
import { cellText, type Read, readFlag, readWhole } from "./cell-values.ts";
import type { CellValue } from "./columns.ts";
import type { SheetProblem, Table } from "./read-table.ts";

export interface ChoiceRow {
  row: number;
  option: Record<string, unknown>;
}

export function readChoices(table: Table, problems: SheetProblem[]): Map<string, ChoiceRow[]> {
  const lists = new Map<string, ChoiceRow[]>();
  for (const { row, values } of table.rows) {
    const at = (column: string, message: string) =>
      problems.push({ sheet: table.sheet, row, column: table.letters[column] ?? null, message });
    const read = <T>(column: string, reader: (value: CellValue) => Read<T>): T | undefined => {
      const result = reader(values[column] ?? null);
      if (result.ok) return result.value;
      at(column, result.message);
      return undefined;
    };
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
