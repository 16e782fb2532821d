// `survey xlsx` and `survey from-xlsx`: a file round trip on disk, and problems printed by cell.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, vi } from "vitest";
import {
  surveyFromXlsxCommand,
  surveyToXlsxCommand,
} from "../../../server/cli/survey-xlsx-commands.ts";
import { loadSurvey } from "../../support/spreadsheet-surveys.ts";

it("writes a survey file as .xlsx and reads it back to the same survey", async () => {
  const dir = mkdtempSync(join(tmpdir(), "survey-xlsx-cli-"));
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const path = "tests/fixtures/surveys/spreadsheet/every-field.json";
  expect(await surveyToXlsxCommand([path, join(dir, "s.xlsx")])).toBe(0);
  expect(await surveyFromXlsxCommand([join(dir, "s.xlsx"), join(dir, "s.json")])).toBe(0);
  log.mockRestore();
  expect(JSON.parse(readFileSync(join(dir, "s.json"), "utf8"))).toEqual(loadSurvey(path));
});

it("prints each problem with its cell and writes nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "survey-xlsx-cli-"));
  writeFileSync(join(dir, "bad.xlsx"), "id,title\n");
  const errors: string[] = [];
  const error = vi.spyOn(console, "error").mockImplementation((line) => errors.push(line));
  expect(await surveyFromXlsxCommand([join(dir, "bad.xlsx"), join(dir, "out.json")])).toBe(1);
  error.mockRestore();
  expect(errors).toEqual([expect.stringContaining("不是 xlsx 文件")]);
  expect(() => readFileSync(join(dir, "out.json"))).toThrow();
});
