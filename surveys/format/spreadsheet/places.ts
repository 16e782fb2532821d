// Remembers which row each part of the survey came from, so a schema error's JSON path
// (sections[1].questions[3].options[2].label) is reported as the cell it came from (choices!C9).
import type { SheetProblem, Table } from "./read-table.ts";

/** Survey field → the survey sheet's column it is read from, where the names differ. */
export const SURVEY_FIELDS: Record<string, string> = {
  kind: "type",
  title: "text",
  description: "help",
  label: "text",
  options: "list",
  rows: "type",
  questions: "type",
  minSelections: "min",
  maxSelections: "max",
};
/** A question's index → the survey sheet's index columns; the index as a whole is its name's cell. */
export const INDEX_FIELDS: Record<string, string> = {
  name: "indexName",
  aspect: "indexAspect",
  positive: "indexPositive",
  base: "indexBase",
};
export const INDEX_COLUMN = "indexName";
/** On the settings sheet every field is a value in column B. */
export const SETTINGS_FIELDS = "value";

interface Place {
  table: Table;
  row: number;
  /** Field → column key, or one column for every field. */
  fields: Record<string, string> | string;
  /** The column for a problem with the part itself (not one of its fields); default none. */
  self?: string;
}

export class Places {
  private readonly places = new Map<string, Place>();

  constructor(private readonly sheets: { survey: string; settings: string }) {}

  set(path: (string | number)[], place: Place): void {
    this.places.set(path.join("."), place);
  }

  /** The most specific remembered row on the path, and the column of the field after it. */
  locate(path: readonly PropertyKey[], message: string): SheetProblem {
    const keys = path.map(String);
    for (let n = keys.length; n >= 0; n--) {
      const place = this.places.get(keys.slice(0, n).join("."));
      if (!place) continue;
      const field = keys[n];
      const { table, fields } = place;
      const key =
        typeof fields === "string"
          ? fields
          : field === undefined
            ? place.self
            : (fields[field] ?? field);
      const column = key === undefined ? null : (table.letters[key] ?? null);
      return { sheet: table.sheet, row: place.row, column, message };
    }
    const sheet = keys[0] === "sections" ? this.sheets.survey : this.sheets.settings;
    return { sheet, row: null, column: null, message };
  }
}
