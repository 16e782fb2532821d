// Problems found while reading pasted text: each names its line (0: the text as a whole) and why.

export interface TextProblem {
  line: number;
  message: string;
}

export const WHOLE_TEXT = 0;

export const MESSAGES = {
  noTitle: "第一行应是问卷标题，这里却是题目或部分标题：标题暂定为“未命名问卷”，请在编辑器中修改。",
  noQuestions: "没有找到任何题目：题目应以 1. 或 1、 或 （1） 等题号开头。",
  noCategory:
    "没有找到受访者类别题（如“您的身份是？”）：请在编辑器中把一道单选题标为类别题，问卷必须恰有一道。",
  secondCategory: (first: number) =>
    `这道题也像受访者类别题，但第 ${first} 行的题已标为类别题（只能有一道）：如应以本题为准，请在编辑器中改标。`,
  optionWithoutQuestion: "这是选项，但前面没有题目：没有导入。",
  fillWithoutQuestion: "这是填写横线，但前面没有可填写的题目：没有导入。",
  unplaced:
    "无法归入题目、选项或标题，没有导入：如是上一选项的续行，请把它并入上一行；如是说明文字，请放在题目之前。",
  closing: "这像是结束语：问卷格式没有放结束语的地方，没有导入（手机页提交后会自行致谢）。",
  oneOption: "这道选择题只找到一个选项：选择题至少要两个选项。",
  tooManyMax: (max: number, options: number) =>
    `题目说最多选 ${max} 项，但只有 ${options} 个选项：没有设置最多可选项数。`,
  secondOther: "一道题只能有一个“其他（请注明）”选项：这一项按普通选项导入。",
  letterTaken: (letter: string, code: string) =>
    `选项字母 ${letter} 在本题已用过：这一项的代码改为 ${code}。`,
  emptySection: "这一部分下面没有题目：这一部分没有导入。",
  notAQuestion:
    "这一行有题号，但没有选项、没有填写横线，也不像问句：已按填空题导入，如不是题目请在编辑器中删除。",
  numberSkipped: (expected: number, found: number) =>
    `题号从 ${expected - 1} 跳到了 ${found}：请检查是否漏掉了题目或粘贴不全。`,
  schema: (path: string, message: string) => `问卷格式检查未通过（${path}）：${message}`,
} as const;
