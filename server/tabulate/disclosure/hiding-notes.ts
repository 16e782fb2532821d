// The plain-Chinese notes printed with every output: what is hidden, and why.
import type { PublicationPlan } from "./plan-publication.ts";

/** `categoryText`: the category question's wording, e.g. “您的身份是?”. */
export function describeHiding(
  k: number,
  textMinGroup: number,
  plan: PublicationPlan,
  categoryText: string,
): string[] {
  const reasons = new Set([...plan.columns, ...[...plan.questions.values()].flat()]);
  const rowReasons = new Set(plan.rows.values());
  const notes = [
    `最小发布人数为 ${k}：回答人数少于 ${k} 的列显示为“<${k}”，不给出任何人数或比例。`,
    `文字回答只在不少于 ${textMinGroup} 人的组中列出，并按文字排序，不反映填写先后。`,
  ];
  if (reasons.has("complementary"))
    notes.push(`为防止用“全体”减去其他列推算出被隐藏的组，另有列一并隐藏（标为“不显示”）。`);
  if (reasons.has("differencing"))
    notes.push(
      `部分列与此前已发布的结果相减，可推算出少于 ${k} 人的回答，因此本次一并隐藏（差分保护）。`,
    );
  if (rowReasons.size > 0)
    notes.push(
      `“${categoryText}”一题中人数少于 ${k} 的类别不单独列行（显示为“<${k}”），必要时另隐藏一行，防止相减推算。`,
    );
  if (rowReasons.has("differencing"))
    notes.push(
      `该题部分类别行与此前已发布的结果相减可推算出少于 ${k} 人，本次一并隐藏（差分保护）。`,
    );
  return notes;
}
