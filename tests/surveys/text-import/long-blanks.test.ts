// A blank typed as a long run of spaces (a Word form pasted as text: "意见：" + the underline +
// "（签名）") is read in linear time. The fill-line pattern once let three whitespace runs share
// the same spaces: 2,500 took seconds (n³ backtracking), and the route accepts 60,000 characters,
// during which every submission would wait. The limits below are a thousand times the fixed time.
import { expect, it } from "vitest";
import { importSurveyText } from "../../../surveys/format/text-import/import-text.ts";

const timed = (text: string) => {
  const started = performance.now();
  importSurveyText(text);
  return performance.now() - started;
};

it("reads a line of a prefix, a long run of spaces and one more character in linear time", () => {
  // A Word form pasted as text: "意见：" + an underlined blank typed as spaces + "（签名）".
  const line = `意见${" ".repeat(4_000)}x`;
  const ms = timed(`某县问卷\n1. 您的身份？\nA. 干部\nB. 群众\n${line}\n`);
  expect(ms).toBeLessThan(1_000);
}, 60_000);

it("the same with ideographic spaces (made half-width before matching)", () => {
  const line = `答${"\u3000".repeat(4_000)}签名`;
  const ms = timed(`某县问卷\n1. 您的身份？\nA. 干部\nB. 群众\n${line}\n`);
  expect(ms).toBeLessThan(1_000);
}, 60_000);
