// Random but valid answers to any survey, from a seeded generator: the raw material of
// tabulation tests, which then count them again with plain loops.
import {
  type Answers,
  checkAnswers,
  isChoice,
  isVisible,
  listQuestions,
  type OtherTexts,
} from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";

/** mulberry32: small, fast and reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  "加强监督，改进作风。",
  "希望多听群众意见",
  "干部作风有待改进",
  "无",
  '=HYPERLINK("http://evil.example","x")',
];

export function randomAnswers(
  survey: Survey,
  random: () => number,
  category: string,
  lockedCategory: string | null = null,
): { answers: Answers; otherText: OtherTexts } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const answers: Answers = {};
  const otherText: OtherTexts = {};
  for (const q of listQuestions(survey)) {
    if (!isVisible(q, answers, { lockedCategory })) continue;
    if (!q.required && random() < 0.3) continue;
    if (q.kind === "matrix") {
      // Every required row, and most optional ones: a grid answer is row → option.
      const grid: Record<string, string> = {};
      for (const row of q.rows)
        if (q.required || row.required || random() < 0.8) grid[row.code] = pick(q.options).code;
      answers[q.code] = grid;
      continue;
    }
    if (!isChoice(q)) {
      answers[q.code] = pick(TEXTS).slice(0, q.maxLength);
      continue;
    }
    if (q.kind === "single") {
      answers[q.code] = q.category ? category : pick(q.options).code;
    } else {
      const max = Math.min(q.maxSelections ?? q.options.length, q.options.length);
      const count = 1 + Math.floor(random() * max);
      const shuffled = [...q.options].sort(() => random() - 0.5).slice(0, count);
      answers[q.code] = shuffled.map((o) => o.code);
    }
    const chosen = [answers[q.code]].flat();
    const other = q.options.find((o) => o.other && chosen.includes(o.code));
    if (other) otherText[q.code] = pick(TEXTS);
  }
  const problems = checkAnswers(survey, answers, otherText, { lockedCategory });
  if (problems.length > 0)
    throw new Error(`random answers break rules: ${JSON.stringify(problems)}`);
  return { answers, otherText };
}
