// The plain-Chinese notes printed with every output: what is hidden, and why.
import type { PublicationPlan } from "./plan-publication.ts";

export function describeHiding(k: number, textMinGroup: number, plan: PublicationPlan): string[] {
  const reasons = new Set([...plan.columns, ...[...plan.questions.values()].flat()]);
  const notes = [
    `最小发布人数为 ${k}：回答人数少于 ${k} 的列显示为“<${k}”，不给出任何人数或比例。`,
    `文字回答只在不少于 ${textMinGroup} 人的组中列出，并按文字排序，不反映填写先后。`,
  ];
  if (reasons.has("complementary"))
    notes.push(`为防止用“全体”减去其他列推算出被隐藏的组，另有列一并隐藏（标为“<${k}”）。`);
  if (reasons.has("differencing"))
    notes.push(
      `部分列与此前已发布的结果相减，可推算出少于 ${k} 人的回答，因此本次一并隐藏（差分保护）。`,
    );
  return notes;
}
