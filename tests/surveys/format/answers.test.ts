// The answer rules shared by phone and server: display logic chains, selections, 其他 text.
import { describe, expect, it } from "vitest";
import { checkAnswers, visibleAnswers } from "../../../surveys/format/answers.ts";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import type { Survey } from "../../../surveys/format/schema.ts";

function chainSurvey(): Survey {
  const parsed = parseSurvey(
    {
      id: "chain",
      title: "t",
      sections: [
        {
          code: "S",
          title: "s",
          questions: [
            {
              code: "constructor",
              kind: "single",
              text: "类别",
              required: true,
              category: true,
              options: [
                { code: "A", label: "a" },
                { code: "B", label: "b" },
              ],
            },
            {
              code: "Q2",
              kind: "single",
              text: "是否",
              required: true,
              options: [
                { code: "Y", label: "是" },
                { code: "N", label: "否" },
              ],
            },
            {
              code: "Q3",
              kind: "multiple",
              text: "哪些",
              required: true,
              showIf: { question: "Q2", equals: "Y" },
              options: [
                { code: "A", label: "a" },
                { code: "X", label: "其他（请注明）", other: true },
              ],
            },
            {
              code: "Q4",
              kind: "shortText",
              text: "说明",
              maxLength: 5,
              required: true,
              showIf: { question: "Q3", includes: "A" },
            },
          ],
        },
      ],
    },
    "chain.json",
  );
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.survey;
}

describe("display logic", () => {
  it("follows chains: hiding Q3 also hides Q4, even if Q3's stale answer would show it", () => {
    const survey = chainSurvey();
    const stale = { constructor: "A", Q2: "N", Q3: ["A"], Q4: "旧答案" };
    expect(visibleAnswers(survey, stale)).toEqual({ constructor: "A", Q2: "N" });
    const problems = checkAnswers(survey, stale, {});
    expect(problems.map((p) => `${p.question}:${p.rule}`)).toEqual(["Q3:hidden", "Q4:hidden"]);
  });

  it("requires a shown follow-up, and accepts a complete chain", () => {
    const survey = chainSurvey();
    expect(checkAnswers(survey, { constructor: "A", Q2: "Y" }, {}).map((p) => p.rule)).toEqual([
      "required",
    ]);
    expect(checkAnswers(survey, { constructor: "A", Q2: "Y", Q3: ["A"], Q4: "好" }, {})).toEqual(
      [],
    );
  });

  it("a locked category hides the category question", () => {
    const survey = chainSurvey();
    expect(checkAnswers(survey, { Q2: "N" }, {}, { lockedCategory: "B" })).toEqual([]);
    expect(
      checkAnswers(survey, { constructor: "A", Q2: "N" }, {}, { lockedCategory: "B" })[0]?.rule,
    ).toBe("hidden");
  });
});

describe("answers to questions coded like Object.prototype members", () => {
  it("reads own answers only", () => {
    const survey = chainSurvey();
    // Without an own "constructor" answer, Object.prototype.constructor must not count as one.
    expect(checkAnswers(survey, { Q2: "N" }, {}).map((p) => `${p.question}:${p.rule}`)).toEqual([
      "constructor:required",
    ]);
    const proto = JSON.parse('{"__proto__": "A", "Q2": "N", "constructor": "A"}');
    expect(checkAnswers(survey, proto, {}).map((p) => `${p.question}:${p.rule}`)).toEqual([
      "__proto__:unknown",
    ]);
  });
});

describe("其他 text", () => {
  it("is required when 其他 is chosen, refused otherwise, and counted in characters", () => {
    const survey = chainSurvey();
    const base = { constructor: "A", Q2: "Y" };
    expect(checkAnswers(survey, { ...base, Q3: ["X"] }, {})[0]?.rule).toBe("otherRequired");
    expect(checkAnswers(survey, { ...base, Q3: ["X"] }, { Q3: "   " })[0]?.rule).toBe(
      "otherRequired",
    );
    expect(checkAnswers(survey, { ...base, Q3: ["X"] }, { Q3: "具体情况" })).toEqual([]);
    expect(checkAnswers(survey, { ...base, Q2: "N" }, { Q3: "具体情况" })[0]?.rule).toBe("hidden");
    expect(checkAnswers(survey, { ...base, Q3: ["A"], Q4: "五个汉字啊" }, {})).toEqual([]);
    expect(checkAnswers(survey, { ...base, Q3: ["A"], Q4: "六个汉字啊啊" }, {})[0]).toEqual({
      question: "Q4",
      rule: "tooLong",
      limit: 5,
    });
  });
});
