import { it } from "vitest";
import { importSurveyText } from "/work/main/surveys/format/text-import/import-text.ts";
it("times", () => {
  const n = 20000;
  const heads = ["", "1. ", "一、", "A. ", "答", ":", "□", "(1)", "第1题", "其他"];
  const bodies = [" ", "_", ".", "A", "A ", "B.", "(", "一", "十", "□", "—", "…", "-", " _", "_ ", ". ", "A.", "a ", "1", "1.", "?"];
  const out: string[] = [];
  for (const h of heads) for (const b of bodies) {
    const line = h + b.repeat(Math.floor(n / b.length)) + "x";
    const t = performance.now();
    importSurveyText(`标题\n1. 您的身份？\nA. 干部\nB. 群众\n${line}\n${line}\n`);
    const ms = performance.now() - t;
    if (ms > 100) out.push(`${JSON.stringify(h)} + ${JSON.stringify(b)}*: ${ms.toFixed(0)}ms`);
  }
  // many lines
  const t = performance.now();
  importSurveyText("标题\n" + Array.from({ length: 30000 }, (_, i) => `${(i % 999) + 1}. 问题？`).join("\n"));
  out.push(`30000 question lines: ${(performance.now() - t).toFixed(0)}ms`);
  console.log(out.join("\n"));
}, 600000);
