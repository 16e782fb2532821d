// Adversary (issue 14): POST /admin/surveys/parse-text runs readDrafts' FILL_LINE
// /^(?:答案?|回答|意见|建议|填写)?\s*:?\s*[_.…\-—\s]{3,}$/ on every unplaced line. Three
// overlapping whitespace runs make a non-matching line cubic: "意见" + n spaces + one more
// character blocks the event loop for n^3/6 steps. 2,500 spaces take seconds here; the
// route accepts 60,000 characters (hours of a frozen server for every respondent).
import { expect, it } from "vitest";
import { importSurveyText } from "../../surveys/format/text-import/import-text.ts";

const timed = (text: string) => {
  const started = performance.now();
  importSurveyText(text);
  return performance.now() - started;
};

it("reads a line of a prefix, a long run of spaces and one more character in linear time", () => {
  // A Word form pasted as text: "意见：" + an underlined blank typed as spaces + "（签名）".
  const line = `意见${" ".repeat(2_500)}x`;
  const ms = timed(`某县问卷\n1. 您的身份？\nA. 干部\nB. 群众\n${line}\n`);
  expect(ms).toBeLessThan(250);
}, 60_000);

it("the same with ideographic spaces (made half-width before matching)", () => {
  const line = `答${"\u3000".repeat(2_500)}签名`;
  const ms = timed(`某县问卷\n1. 您的身份？\nA. 干部\nB. 群众\n${line}\n`);
  expect(ms).toBeLessThan(250);
}, 60_000);
