// What publishing changes, question by question, and what it means for results (counted per
// version): each kind of change on the small survey, then the route with its notes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSurveys } from "../../../server/surveys/survey-diff.ts";
import { readShape } from "../../../server/surveys/survey-shape.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const mini = () => JSON.parse(readFileSync(resolve("tests/fixtures/surveys/mini.json"), "utf8"));
const changesOf = (edit: (survey: ReturnType<typeof mini>) => void) => {
  const draft = mini();
  edit(draft);
  return diffSurveys(readShape(mini()), readShape(draft));
};
const grid = (rows: [string, string][]) => ({
  code: "Q9",
  kind: "matrix",
  text: "您对以下方面的评价",
  required: true,
  rows: rows.map(([code, label]) => ({ code, label })),
  options: [
    { code: "A", label: "好" },
    { code: "B", label: "一般" },
  ],
});

describe("diffSurveys", () => {
  it("finds nothing between equal surveys", () => {
    expect(changesOf(() => {})).toEqual([]);
  });

  it("words a reworded option by its code: results still line up by that code", () => {
    const [change] = changesOf((s) => {
      s.sections[0].questions[1].options[1].label = "比较好";
    });
    expect(change).toEqual({
      kind: "option.reworded",
      question: "Q2",
      item: "B",
      before: "较好",
      after: "比较好",
      description: "Q2 的选项 B 改了措辞：“较好” → “比较好”",
      meaning: "选项编码 B 不变：新旧版本的结果仍可按选项编码对照",
    });
  });

  it("says a removed question's answers stay in the old version's results", () => {
    const changes = changesOf((s) => {
      s.sections[1].questions.splice(1, 1);
    });
    expect(changes.map((c) => [c.kind, c.question])).toEqual([["question.removed", "Q4"]]);
    expect(changes[0]?.meaning).toBe("旧版本对 Q4 的回答仍在旧版本结果中；新版本不再问这道题");
  });

  it("reports added questions and options, reworded texts, kinds and moves", () => {
    const changes = changesOf((s) => {
      const [q1, q2] = s.sections[0].questions;
      q2.text = "您如何评价当前{{county}}政治生态?";
      q2.options.push({ code: "E", label: "较差" });
      q2.options.splice(2, 1);
      const q4 = s.sections[1].questions[1];
      q4.kind = "multiple";
      s.sections[1].questions.splice(1, 1);
      s.sections[0].questions = [q1, q2, q4];
      s.sections[1].questions.push({ code: "Q8", kind: "shortText", text: "建议", maxLength: 50 });
    });
    expect(changes.map((c) => [c.kind, c.question, c.item])).toEqual([
      ["question.reworded", "Q2", null],
      ["option.removed", "Q2", "C"],
      ["option.added", "Q2", "E"],
      ["question.kindChanged", "Q4", null],
      ["question.moved", "Q4", null],
      ["question.added", "Q8", null],
    ]);
    const byKind = Object.fromEntries(changes.map((c) => [c.kind, c]));
    expect(byKind["question.kindChanged"]?.description).toBe("Q4 由单选题改为多选题");
    expect(byKind["question.moved"]?.description).toBe("Q4 从“存在问题”移到了“基本情况”");
    expect(byKind["question.added"]?.meaning).toBe(
      "只有新版本的答卷有 Q8 的回答；旧版本的结果中没有这道题",
    );
    expect(byKind["option.removed"]?.meaning).toContain("旧版本中选 C 的回答仍在旧版本结果中");
  });

  it("follows a grid's rows, and notes rule changes and category options", () => {
    const before = mini();
    before.sections[1].questions.push(
      grid([
        ["R1", "作风"],
        ["R2", "纪律"],
      ]),
    );
    const after = mini();
    after.sections[1].questions.push(
      grid([
        ["R1", "工作作风"],
        ["R3", "廉洁"],
      ]),
    );
    after.sections[0].questions[0].options.push({ code: "C", label: "党员" });
    after.sections[1].questions[1].required = false;
    const changes = diffSurveys(readShape(before), readShape(after));
    expect(changes.map((c) => [c.kind, c.question, c.item])).toEqual([
      ["option.added", "Q1", "C"],
      ["question.rulesChanged", "Q4", null],
      ["row.removed", "Q9", "R2"],
      ["row.reworded", "Q9", "R1"],
      ["row.added", "Q9", "R3"],
    ]);
    expect(changes[0]?.meaning).toContain("这是类别题：抽样目标和锁定类别的链接按类别编码对应");
  });

  it("words an added, changed, renamed and removed index with the options' labels", () => {
    const satisfaction = { name: "满意率", positive: ["A", "B"] };
    const withIndex = () => {
      const survey = mini();
      survey.sections[0].questions[1].index = { ...satisfaction };
      survey.sections[1].questions.push({
        ...grid([
          ["R1", "作风"],
          ["R2", "纪律"],
        ]),
        index: { name: "满意率", positive: ["A"] },
      });
      return survey;
    };
    const added = diffSurveys(readShape(mini()), readShape(withIndex()));
    expect(added.map((c) => [c.kind, c.question, c.description])).toEqual([
      ["index.added", "Q2", "Q2 新增指标：满意率（好、较好）"],
      ["question.added", "Q9", "新增 Q9“您对以下方面的评价”"],
      ["index.added", "Q9", "Q9 新增指标：满意率（好），每个评价项各算一个"],
    ]);
    expect(added[0]?.meaning).toBe(
      "新版本的结果和报告计算 Q2 的这项指标，并与同名指标一起排名；答题和已收到的答卷不受影响",
    );

    const stored = withIndex();
    // A stored version has the base filled in; leaving it out of the draft is no change.
    stored.sections[0].questions[1].index.base = "valid";
    expect(diffSurveys(readShape(stored), readShape(withIndex()))).toEqual([]);

    const changed = withIndex();
    changed.sections[0].questions[1].index = { ...satisfaction, positive: ["A"], base: "shown" };
    changed.sections[1].questions.at(-1).index = { name: "认可率", positive: ["A"] };
    const edits = diffSurveys(readShape(withIndex()), readShape(changed));
    expect(edits.map((c) => [c.kind, c.description])).toEqual([
      ["index.changed", "Q2 的指标改了：满意率（好、较好） → 满意率（好），以全部被调查者为基数"],
      [
        "index.renamed",
        "Q9 的指标改了名称：满意率（好），每个评价项各算一个 → 认可率（好），每个评价项各算一个",
      ],
    ]);
    expect(edits[0]?.meaning).toContain("不宜直接对照");
    expect(edits[1]?.meaning).toContain("仍可对照");

    const removed = withIndex();
    delete removed.sections[0].questions[1].index;
    removed.sections[0].questions[1].options[0].label = "很好";
    const gone = diffSurveys(readShape(withIndex()), readShape(removed));
    expect(gone.map((c) => [c.kind, c.description])).toEqual([
      ["option.reworded", "Q2 的选项 A 改了措辞：“好” → “很好”"],
      ["index.removed", "Q2 取消了指标：满意率（好、较好）"],
    ]);
  });

  it("reads half-written JSON without failing", () => {
    const odd = {
      id: 3,
      sections: [{ questions: [{ text: "无编号" }, { code: "Q1", options: 7 }] }],
    };
    expect(() => diffSurveys(readShape(mini()), readShape(odd))).not.toThrow();
    expect(readShape(odd).questions.map((q) => q.code)).toEqual(["Q1"]);
  });
});

describe("GET /admin/drafts/{id}/diff", () => {
  let server: TestServer;
  let cookie: string;
  const dir = mkdtempSync(join(tmpdir(), "diff-"));
  beforeAll(async () => {
    writeFileSync(join(dir, "mini.json"), JSON.stringify(mini()));
    server = await startTestServer({ surveysDir: dir });
    cookie = await sessionCookie(server, await addAccount(server, "chief", "admin"));
  });
  afterAll(() => server.close());
  const call = (method: string, path: string, body?: unknown) =>
    callAdmin(server, { cookie }, method, `/admin${path}`, body);
  const draftWith = async (survey: unknown) => {
    const answer = await call("POST", "/drafts", { source: "survey", survey });
    return (answer.body as { draft: { id: string } }).draft.id;
  };

  it("compares with the current version and says what publishing does", async () => {
    const survey = mini();
    survey.sections[0].questions[1].options[1].label = "比较好";
    const answer = await call("GET", `/drafts/${await draftWith(survey)}/diff`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      surveyId: "mini",
      current: { version: 1 },
      basedOn: null,
      publishesAs: { version: 2, created: true },
      changes: [{ kind: "option.reworded", question: "Q2", item: "B" }],
      notes: [
        "发布后，所有链接和答题码改为提供第 2 版；已在手机上打开第 1 版的人仍按第 1 版提交。",
        "结果按版本分别统计：已收到的答卷留在各自版本的结果中，不会并入第 2 版；在结果页的“版本”中选择查看。",
      ],
    });
  });

  it("says when nothing would change, when the survey is new, and when it is not valid", async () => {
    const same = await call("GET", `/drafts/${await draftWith(mini())}/diff`);
    expect(same.body).toMatchObject({
      changes: [],
      publishesAs: { version: 1, created: false },
      notes: ["内容与当前第 1 版完全相同：发布不会产生新版本。"],
    });
    const fresh = await call("GET", `/drafts/${await draftWith({ ...mini(), id: "fresh" })}/diff`);
    expect(fresh.body).toMatchObject({
      current: null,
      publishesAs: { version: 1, created: true },
      notes: ["“fresh”是一份新问卷：发布后成为它的第 1 版。"],
    });
    const broken = await call("GET", `/drafts/${await draftWith({ id: "mini", title: "" })}/diff`);
    expect(broken.body).toMatchObject({
      publishesAs: null,
      notes: ["草稿还有问题，改正后才能发布。"],
    });
    expect((broken.body as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
  });

  it("warns when the version a draft was opened from is no longer current", async () => {
    const answer = await call("POST", "/drafts", {
      source: "version",
      surveyId: "mini",
      version: 1,
    });
    const id = (answer.body as { draft: { id: string } }).draft.id;
    const newer = mini();
    newer.title = "新标题";
    expect((await call("POST", "/surveys", newer)).status).toBe(201);
    const diff = await call("GET", `/drafts/${id}/diff`);
    expect((diff.body as { notes: string[] }).notes[0]).toBe(
      "这份草稿基于第 1 版，而当前已是第 2 版：以下列出的是与第 2 版的差别，发布将取代第 2 版。",
    );
  });
});
