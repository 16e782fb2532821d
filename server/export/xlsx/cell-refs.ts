// A1-style references: column letters are computed once per column, not once per cell.

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const letters: string[] = [];

/** 0-based column index to letters: 0 → "A", 26 → "AA". */
export function columnName(index: number): string {
  const cached = letters[index];
  if (cached !== undefined) return cached;
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS)
    throw new Error(`column ${index + 1} is outside Excel's ${MAX_COLUMNS} columns`);
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  letters[index] = name;
  return name;
}
