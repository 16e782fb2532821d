// The 说明 sheet: how to edit the other three, written from the same column list the reader uses.
import { type CellValue, headerText, SHEETS } from "./columns.ts";

const INTRO = [
  "在 WPS 表格或 Excel 中修改本文件，保存为 .xlsx，再在管理后台“从 Excel 导入”。",
  "survey 表每行一道题；type 填 section 的行开始一个部分，其后的题都属于它。",
  "矩阵量表：matrix 行之后紧跟它的各行（type 填 matrixRow），量表选项在 list 指定的选项表中。",
  "choices 表列出选项；list 相同的行组成一张选项表，可被多道题共用。",
  "指标（如满意率）：在单选题或矩阵题的行上填指标名称和计为正面的选项（如 A,B），报告按“正面选项人数 ÷ 基数”计算，矩阵题每行各算一个；同名指标排名比较。",
  "settings 表每行一项设置；var.county 这样的行定义变量，文字中写作 {{county}}。",
  "表头可只写中文或只写英文；可加“备注”列，导入时忽略。空行忽略。本表（说明）导入时忽略。",
  "有错误时，导入会列出每处错误所在的格子（如 survey!C7），并且不保存任何内容。",
];

export function readmeRows(): CellValue[][] {
  const rows: CellValue[][] = INTRO.map((line) => [line]);
  for (const sheet of Object.values(SHEETS)) {
    rows.push([], [`${sheet.name} 表`, "填写方法"]);
    for (const column of sheet.columns) rows.push([headerText(column), column.note]);
  }
  return rows;
}
