// Discipline-inspection terms counted as one keyword each, whatever the word segmenter makes of them.
//
// ICU's dictionary (Intl.Segmenter) knows general Chinese, not this office's vocabulary: it cuts
// 形式主义 into 形式|主义, 四风 into 四|风, 八项规定 into 八|项|规定 and 不作为 into 不|作为. A
// reader looking for "形式主义" in the keyword list would find two generic words instead, or
// nothing once one-character words are dropped. These are the terms the seed report and the
// county's answers use; the list is kept short on purpose (a term earns its place by being split
// badly and by being what a reader would search for), not a dictionary of the Party's phrases.
export const KEYWORD_TERMS: readonly string[] = [
  // The 作风 problems the surveys ask about.
  "形式主义",
  "官僚主义",
  "享乐主义",
  "奢靡之风",
  "好人主义",
  "圈子文化",
  "四风",
  "八项规定",
  "吃拿卡要",
  "不作为",
  "慢作为",
  "乱作为",
  "为官不为",
  "微腐败",
  "减负",
  // Where the answers point: 选人用人, the business climate, the leader, the inspectors.
  "选人用人",
  "营商环境",
  "一把手",
  "纪检监察",
  "执纪问责",
  "正风肃纪",
  "作风建设",
  "担当作为",
  "风清气正",
  // The survey's own subjects and slogans, which questions quote and answers repeat.
  "政治生态",
  "全面从严治党",
  "两个维护",
  "四个意识",
  "四个自信",
  "两个责任",
  "主体责任",
  "一岗双责",
];
