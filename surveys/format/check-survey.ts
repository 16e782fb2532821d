// Cross-field rules a JSON Schema cannot express: unique codes, one category question, sound display logic.
import type { MatrixQuestion, SingleQuestion, Survey } from "./schema.ts";

export interface SurveyProblem {
  path: (string | number)[];
  message: string;
}

const VARIABLE = /\{\{\s*([a-zA-Z0-9]+)\s*\}\}/g;

/** Returns every problem found; an empty list means the survey can go live. */
export function checkSurvey(survey: Survey): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ path, message });
  const seenSections = new Set<string>();
  const earlier = new Map<string, Survey["sections"][number]["questions"][number]>();
  const categoryPaths: (string | number)[][] = [];
  const indexBases = new Map<string, "valid" | "shown">();

  checkVariables(survey.title, ["title"], survey.variables, report);
  if (survey.intro) checkVariables(survey.intro, ["intro"], survey.variables, report);

  survey.sections.forEach((section, s) => {
    const sp = ["sections", s];
    if (seenSections.has(section.code)) report([...sp, "code"], `duplicate code "${section.code}"`);
    seenSections.add(section.code);
    checkVariables(section.title, [...sp, "title"], survey.variables, report);

    section.questions.forEach((q, i) => {
      const qp = [...sp, "questions", i];
      if (earlier.has(q.code)) report([...qp, "code"], `duplicate code "${q.code}"`);
      checkVariables(q.text, [...qp, "text"], survey.variables, report);

      if (q.showIf) {
        const target = earlier.get(q.showIf.question);
        const cp = [...qp, "showIf"];
        if (!target) {
          report([...cp, "question"], `"${q.showIf.question}" is not an earlier question`);
        } else if (target.kind === "single" && q.showIf.equals === undefined) {
          report(cp, `"${target.code}" is single choice: use equals`);
        } else if (target.kind === "multiple" && q.showIf.includes === undefined) {
          report(cp, `"${target.code}" is multiple choice: use includes`);
        } else if (target.kind === "matrix") {
          report(
            [...cp, "question"],
            `"${target.code}" is a rating grid: display logic may follow only a single or multiple choice question`,
          );
        } else if (target.kind !== "single" && target.kind !== "multiple") {
          report(
            [...cp, "question"],
            `"${target.code}" is a text question: only choices can drive display logic`,
          );
        } else {
          const value = q.showIf.equals ?? q.showIf.includes;
          if (!target.options.some((o) => o.code === value)) {
            report(cp, `"${value}" is not an option of "${target.code}"`);
          }
        }
      }

      if (q.kind === "matrix") checkGrid(q, qp, survey.variables, report);
      if (q.kind === "single" || q.kind === "multiple") {
        const codes = new Set<string>();
        q.options.forEach((o, k) => {
          const op = [...qp, "options", k];
          if (codes.has(o.code)) report([...op, "code"], `duplicate code "${o.code}"`);
          codes.add(o.code);
          checkVariables(o.label, [...op, "label"], survey.variables, report);
          if (o.otherMaxLength !== undefined && !o.other) {
            report([...op, "otherMaxLength"], "only an option with other: true takes free text");
          }
        });
        if (q.options.filter((o) => o.other).length > 1) {
          report([...qp, "options"], "at most one “other” option per question");
        }
      }
      if (q.kind === "multiple") {
        const max = q.maxSelections ?? q.options.length;
        if (max > q.options.length) {
          report(
            [...qp, "maxSelections"],
            `is ${max} but the question has ${q.options.length} options`,
          );
        }
        if (q.minSelections !== undefined && q.minSelections > max) {
          report([...qp, "minSelections"], `is ${q.minSelections}, above maxSelections ${max}`);
        }
      }
      if ((q.kind === "single" || q.kind === "matrix") && q.index) {
        checkIndex(q, qp, report);
        // One name is one ranked table with one base: mixing bases would rank unlike figures.
        const base = indexBases.get(q.index.name);
        if (base === undefined) indexBases.set(q.index.name, q.index.base);
        else if (base !== q.index.base)
          report(
            [...qp, "index", "base"],
            `another question's index "${q.index.name}" uses base "${base}": one name, one base`,
          );
      }
      if (q.kind === "single" && q.category) {
        categoryPaths.push(qp);
        if (!q.required) report([...qp, "required"], "the category question must be required");
        if (q.showIf) report([...qp, "showIf"], "the category question is always shown");
      }
      earlier.set(q.code, q);
    });
  });

  if (categoryPaths.length === 0) {
    report(
      ["sections"],
      "no question is marked category: true (exactly one single-choice question must be)",
    );
  }
  for (const path of categoryPaths.slice(1)) {
    report([...path, "category"], "a second category question: exactly one is allowed");
  }
  return problems;
}

/**
 * A grid's rows and scale. Its rows are stored as "grid.row" keys (matrix-answers.ts), which no
 * question code can equal (codes hold no dot), so only uniqueness within the grid matters.
 */
function checkGrid(
  q: MatrixQuestion,
  qp: (string | number)[],
  variables: Record<string, string>,
  report: (path: (string | number)[], message: string) => void,
): void {
  const rows = new Set<string>();
  q.rows.forEach((row, r) => {
    const rp = [...qp, "rows", r];
    if (rows.has(row.code)) report([...rp, "code"], `duplicate row code "${row.code}"`);
    rows.add(row.code);
    checkVariables(row.label, [...rp, "label"], variables, report);
  });
  const codes = new Set<string>();
  q.options.forEach((o, k) => {
    const op = [...qp, "options", k];
    if (codes.has(o.code)) report([...op, "code"], `duplicate code "${o.code}"`);
    codes.add(o.code);
    checkVariables(o.label, [...op, "label"], variables, report);
    if (o.other || o.otherMaxLength !== undefined)
      report(op, "a rating grid takes no free text: “other” is not allowed in its scale");
  });
}

/** An index counts substantive options of its own scale, and leaves at least one out. */
function checkIndex(
  q: SingleQuestion | MatrixQuestion,
  qp: (string | number)[],
  report: (path: (string | number)[], message: string) => void,
): void {
  if (!q.index) return;
  const ip = [...qp, "index", "positive"];
  const positive = new Set<string>();
  q.index.positive.forEach((code, k) => {
    const option = q.options.find((o) => o.code === code);
    if (!option) report([...ip, k], `"${code}" is not an option of "${q.code}"`);
    else if (option.nonSubstantive)
      report([...ip, k], `"${code}" is a non-substantive option: it cannot count as positive`);
    if (positive.has(code)) report([...ip, k], `"${code}" is listed twice`);
    positive.add(code);
  });
  const substantive = q.options.filter((o) => !o.nonSubstantive && !o.other);
  if (substantive.every((o) => positive.has(o.code)))
    report(ip, "every substantive option is positive: the index would always be 100%");
  if (q.kind === "single" && q.category)
    report([...qp, "index"], "the category question describes respondents: it takes no index");
  if (q.kind === "matrix" && q.index.aspect !== undefined)
    report([...qp, "index", "aspect"], "a grid's rows are named by their labels: leave aspect out");
}

function checkVariables(
  text: string,
  path: (string | number)[],
  variables: Record<string, string>,
  report: (path: (string | number)[], message: string) => void,
): void {
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] ?? "";
    if (!Object.hasOwn(variables, name))
      report(path, `unknown variable {{${name}}}: define it in variables`);
  }
}
