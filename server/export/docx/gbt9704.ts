// The 公文 page of GB/T 9704-2012 in Word's units: A4, 版心 156 x 225 mm, the type sizes and fonts.

/** Word measures pages in twentieths of a point (twips): 1 mm = 1440 / 25.4 twips. */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

export const A4 = { width: mm(210), height: mm(297) };

/**
 * 天头 37 mm, 订口 28 mm; the text area 156 x 225 mm leaves 26 mm right and 35 mm below. A
 * landscape page (the appendix tables) is the same sheet turned, so its text area is 225 x 156 mm.
 */
export const PORTRAIT_MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
export const LANDSCAPE_MARGIN = { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) };
export const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
export const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
/** The text area a table may fill, in twips. */
export interface TextArea {
  width: number;
  height: number;
}
export const PORTRAIT_TEXT: TextArea = {
  width: PORTRAIT_TEXT_WIDTH,
  height: A4.height - PORTRAIT_MARGIN.top - PORTRAIT_MARGIN.bottom,
};
export const LANDSCAPE_TEXT: TextArea = {
  width: LANDSCAPE_TEXT_WIDTH,
  height: A4.width - LANDSCAPE_MARGIN.top - LANDSCAPE_MARGIN.bottom,
};

/** Chinese type sizes in Word's half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
export const SIZE = { er: 44, san: 32, si: 28, wu: 21 } as const;

/** 22 lines in the 225 mm text area: 28.95 pt a line, fixed, so every page holds the same 22. */
export const BODY_LINE = 579;
/** 2 characters of 三号: the first-line indent of body text and of the headings. */
export const BODY_INDENT = 2 * SIZE.san * 10;

/**
 * Word names one font per script in a run; the rest of each chain goes into the font table as
 * w:altName (font-table.ts), which Word reads as other names to find the font by. A machine with
 * none of them substitutes by charset 86 (GB2312): usually 宋体 on Windows, fontconfig's CJK
 * font (WenQuanYi Micro Hei / Noto CJK) under LibreOffice.
 */
export interface FontChain {
  name: string;
  fallbacks: string[];
  /** w:family: roman (serif), swiss (sans), modern (fixed pitch). */
  family: "roman" | "swiss" | "modern" | "auto";
  panose?: string;
}

export const FONTS = {
  /** 标题: 小标宋. */
  title: {
    name: "方正小标宋简体",
    fallbacks: ["华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC"],
    family: "auto",
  },
  /** 正文 and tables: 仿宋. */
  body: {
    name: "仿宋_GB2312",
    fallbacks: [
      "仿宋",
      "FangSong",
      "华文仿宋",
      "STFangsong",
      "Noto Serif CJK SC",
      "WenQuanYi Micro Hei",
    ],
    family: "modern",
    panose: "02010609030101010101",
  },
  /** 一级标题 and table heads: 黑体. */
  heading1: {
    name: "黑体",
    fallbacks: ["SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"],
    family: "modern",
    panose: "02010609060101010101",
  },
  /** 二级标题: 楷体. */
  heading2: {
    name: "楷体_GB2312",
    fallbacks: ["楷体", "KaiTi", "华文楷体", "STKaiti", "Noto Serif CJK SC", "WenQuanYi Micro Hei"],
    family: "modern",
    panose: "02010609030101010101",
  },
  /** Page numbers: 宋体, half-width digits. */
  pageNumber: {
    name: "宋体",
    fallbacks: ["SimSun", "Noto Serif CJK SC", "WenQuanYi Micro Hei"],
    family: "auto",
    panose: "02010600030101010101",
  },
} satisfies Record<string, FontChain>;

/** Digits and Latin letters in body and tables: Times New Roman (LibreOffice: Liberation Serif). */
export const LATIN_FONT: FontChain = {
  name: "Times New Roman",
  fallbacks: ["Liberation Serif", "Nimbus Roman", "DejaVu Serif"],
  family: "roman",
  panose: "02020603050405020304",
};

/** A run's fonts: Chinese in `chain`, digits and Latin in `latin`. */
export const runFonts = (chain: FontChain, latin: FontChain = LATIN_FONT) => ({
  ascii: latin.name,
  hAnsi: latin.name,
  eastAsia: chain.name,
  cs: latin.name,
});
