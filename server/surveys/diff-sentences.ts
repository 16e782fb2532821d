// Puts each difference between two versions into plain Chinese: what changed, and what it means
// for results, which are counted per version (a response belongs to the version it answered;
// tabulations and downloads take one version at a time, matched by codes, never merged).
import { DEFAULT_MIN_BASE } from "../../surveys/format/schema.ts";
import type { RawChange, SurveyChange } from "./survey-diff.ts";

const KIND_NAMES: Record<string, string> = {
  single: "单选题",
  multiple: "多选题",
  shortText: "简答题",
  longText: "问答题",
  matrix: "矩阵量表题",
};

const kindName = (kind: string | undefined) => KIND_NAMES[kind ?? ""] ?? `“${kind ?? ""}”`;
const quoted = (text: string | undefined) => `“${shorten(text ?? "")}”`;
const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
const minBase = (value: string | undefined) => (value ? value : `${DEFAULT_MIN_BASE}（默认）`);

type Words = (c: RawChange, q: string, i: string) => [description: string, meaning: string];

const WORDS: Record<RawChange["kind"], Words> = {
  "survey.retitled": (c) => [
    `问卷标题：${quoted(c.before)} → ${quoted(c.after)}`,
    "只改了标题：各题结果不受影响",
  ],
  "survey.variables": () => [
    "问卷变量（如县名）改了",
    "题目中用到变量的文字随之改变；题号和选项编码不变，新旧版本的结果仍可按编码对照",
  ],
  "survey.minBase": (c) => [
    `最小发布人数：${minBase(c.before)} → ${minBase(c.after)}`,
    "新版本的结果按新的最小发布人数显示或隐藏分组；旧版本的结果不受影响",
  ],
  "question.added": (c, q) => [
    `新增 ${q}${quoted(c.question?.text)}`,
    `只有新版本的答卷有 ${q} 的回答；旧版本的结果中没有这道题`,
  ],
  "question.removed": (c, q) => [
    `删除了 ${q}${quoted(c.question?.text)}`,
    `旧版本对 ${q} 的回答仍在旧版本结果中；新版本不再问这道题`,
  ],
  "question.reworded": (c, q) => [
    `${q} 的题目改了措辞：${quoted(c.before)} → ${quoted(c.after)}`,
    `${q} 的题号不变，新旧版本的结果仍可按题号对照；措辞的改变可能影响回答，对照时请留意`,
  ],
  "question.kindChanged": (c, q) => [
    `${q} 由${kindName(c.before)}改为${kindName(c.after)}`,
    `题型变了：${q} 在新旧版本中的结果不宜直接对照（占比的含义不同）`,
  ],
  "question.moved": (c, q) => [
    `${q} 从${quoted(c.before)}移到了${quoted(c.after)}`,
    `${q} 的题号和选项不变，结果照常按题号对照；只是答题时出现的位置变了`,
  ],
  "question.rulesChanged": (_c, q) => [
    `${q} 的作答要求改了（是否必答、显示条件或选择数、字数限制）`,
    `${q} 在新版本中“未作答”“未显示”的人数和可选数量可能随之变化，与旧版本对照时请留意`,
  ],
  "option.added": (c, q, i) => [
    `${q} 新增选项 ${i}${quoted(c.item?.label)}`,
    `旧版本的受访者没有选项 ${i} 可选，旧版本结果中没有它`,
  ],
  "option.removed": (c, q, i) => [
    `${q} 删除了选项 ${i}${quoted(c.item?.label)}`,
    `旧版本中选 ${i} 的回答仍在旧版本结果中；新版本不能再选它`,
  ],
  "option.reworded": (c, q, i) => [
    `${q} 的选项 ${i} 改了措辞：${quoted(c.before)} → ${quoted(c.after)}`,
    `选项编码 ${i} 不变：新旧版本的结果仍可按选项编码对照`,
  ],
  "row.added": (c, q, i) => [
    `${q} 新增评价项 ${i}${quoted(c.item?.label)}`,
    `只有新版本的答卷有评价项 ${i} 的回答；旧版本结果中没有这一行`,
  ],
  "row.removed": (c, q, i) => [
    `${q} 删除了评价项 ${i}${quoted(c.item?.label)}`,
    `旧版本对评价项 ${i} 的回答仍在旧版本结果中；新版本不再问这一行`,
  ],
  "row.reworded": (c, q, i) => [
    `${q} 的评价项 ${i} 改了措辞：${quoted(c.before)} → ${quoted(c.after)}`,
    `评价项编码 ${i} 不变：新旧版本的这一行仍可按编码对照`,
  ],
  "index.added": (c, q) => [
    `${q} 新增指标：${c.after ?? ""}`,
    `新版本的结果和报告计算 ${q} 的这项指标，并与同名指标一起排名；答题和已收到的答卷不受影响`,
  ],
  "index.removed": (c, q) => [
    `${q} 取消了指标：${c.before ?? ""}`,
    `新版本的报告不再计算 ${q} 的这项指标；旧版本的结果不受影响`,
  ],
  "index.changed": (c, q) => [
    `${q} 的指标改了：${c.before ?? ""} → ${c.after ?? ""}`,
    `${q} 的指标按新的定义计算：新旧版本的指标数字不宜直接对照；答题和已收到的答卷不受影响`,
  ],
  "index.renamed": (c, q) => [
    `${q} 的指标改了名称：${c.before ?? ""} → ${c.after ?? ""}`,
    `计入的选项和基数不变，新旧版本的指标数字仍可对照；报告按名称把同名指标排在一起`,
  ],
};

/** The category question's options also key the sample plan and links locked to a category. */
const CATEGORY_NOTE = "；这是类别题：抽样目标和锁定类别的链接按类别编码对应，发布前请核对";

export function describeChange(change: RawChange): SurveyChange {
  const q = change.question?.code ?? "";
  const i = change.item?.code ?? "";
  const [description, meaning] = WORDS[change.kind](change, q, i);
  const onCategory = change.question?.category === true && change.kind.startsWith("option.");
  return {
    kind: change.kind,
    question: change.question?.code ?? null,
    item: change.item?.code ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
    description,
    meaning: onCategory && change.kind !== "option.reworded" ? meaning + CATEGORY_NOTE : meaning,
  };
}
