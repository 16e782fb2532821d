// Pure edits of the editor's working copy: set a value at a path, move/add/remove list items, and
// new sections, questions, options and rows with codes not yet taken.
import type {
  EditOption,
  EditQuestion,
  EditRow,
  EditSection,
  EditSurvey,
  Path,
  QuestionKind,
} from "./editor-model.ts";
import { isRecord } from "./guards.ts";

export type ListOp = "up" | "down" | "remove" | "add";

type Container = Record<string, unknown> | unknown[];

/** Walks a copy of `root` to the parent of the last key; every node on the way is copied. */
function copyTo(root: EditSurvey, path: Path): { copy: EditSurvey; parent: Container | null } {
  const copy = structuredClone(root);
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else if (isRecord(node) && typeof key === "string") node = node[key];
    else return { copy, parent: null };
  }
  return { copy, parent: Array.isArray(node) || isRecord(node) ? node : null };
}

/** Sets the value at `path`; undefined removes the key (an optional field left empty). */
export function setAt(root: EditSurvey, path: Path, value: unknown): EditSurvey {
  const { copy, parent } = copyTo(root, path);
  const last = path.at(-1);
  if (parent === null || last === undefined) return root;
  if (Array.isArray(parent) && typeof last === "number") parent[last] = value;
  else if (!Array.isArray(parent) && typeof last === "string") {
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return last === "category" && value === true ? keepOneCategory(copy, path) : copy;
}

/** Moves, removes or adds (after `index`) an item of the list at `path`. */
export function changeList(
  root: EditSurvey,
  path: Path,
  op: ListOp,
  index: number,
  item?: unknown,
): EditSurvey {
  const { copy, parent } = copyTo(root, [...path, 0]);
  if (!Array.isArray(parent)) return root;
  if (op === "add") parent.splice(index + 1, 0, item);
  else if (op === "remove") parent.splice(index, 1);
  else {
    const to = op === "up" ? index - 1 : index + 1;
    if (to < 0 || to >= parent.length) return root;
    [parent[index], parent[to]] = [parent[to], parent[index]];
  }
  return copy;
}

/** Exactly one category question: ticking one unticks the others, and it must be answered. */
function keepOneCategory(survey: EditSurvey, path: Path): EditSurvey {
  const [, s, , q] = path;
  survey.sections.forEach((section, si) => {
    section.questions.forEach((question, qi) => {
      if (question.kind !== "single") return;
      if (si === s && qi === q) question.required = true;
      else delete question.category;
    });
  });
  return survey;
}

/** The first of PREFIX1, PREFIX2… not in `taken`. */
function freshCode(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function newOption(options: readonly EditOption[]): EditOption {
  const used = new Set(options.map((o) => o.code));
  const code = [...LETTERS].find((l) => !used.has(l)) ?? freshCode("O", used);
  return { code, label: "" };
}

export const newRow = (rows: readonly EditRow[]): EditRow => ({
  code: freshCode(
    "R",
    rows.map((r) => r.code),
  ),
  label: "",
});

const allQuestions = (survey: EditSurvey) => survey.sections.flatMap((s) => s.questions);

export function newQuestion(survey: EditSurvey): EditQuestion {
  const code = freshCode(
    "Q",
    allQuestions(survey).map((q) => q.code),
  );
  const options = [newOption([])];
  options.push(newOption(options));
  return { code, text: "", required: true, kind: "single", options };
}

export function newSection(survey: EditSurvey): EditSection {
  const code = freshCode(
    "S",
    survey.sections.map((s) => s.code),
  );
  return { code, title: "", questions: [newQuestion(survey)] };
}

/** The same question as another kind, keeping what carries over (text, options, logic). */
export function changeKind(q: EditQuestion, kind: QuestionKind): EditQuestion {
  const { code, text, help, required, showIf } = q;
  const base = { code, text, help, required, showIf };
  const options = "options" in q && q.options.length >= 2 ? q.options : [newOption([])];
  while (options.length < 2) options.push(newOption(options));
  switch (kind) {
    case "shortText":
    case "longText":
      return { ...base, kind, maxLength: kind === "shortText" ? 100 : 1000 };
    case "matrix": {
      const first = newRow([]);
      const scale = options.map(({ code, label, nonSubstantive }) => ({
        code,
        label,
        nonSubstantive,
      }));
      return { ...base, kind, options: scale, rows: [first, newRow([first])] };
    }
    default:
      return { ...base, kind, options };
  }
}
