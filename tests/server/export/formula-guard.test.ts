// Text that a spreadsheet would run as a formula gets a leading apostrophe; other text is untouched.
import { describe, expect, it } from "vitest";
import { neutralizeFormula } from "../../../server/export/formula-guard.ts";
import { createSheetNamer } from "../../../server/export/xlsx-rows.ts";

describe("neutralizeFormula", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "＝1"])("prefixes %j", (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(["好", "", "1=1", " =1", "'=1", "<5"])("leaves %j alone", (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("createSheetNamer", () => {
  it("keeps Excel's limits: 31 characters, no []:*?/\\, unique without regard to case", () => {
    const name = createSheetNamer(["概要"]);
    expect(name("Q2")).toBe("Q2");
    expect(name("q2")).toBe("q2~2");
    expect(name("概要")).toBe("概要~2");
    expect(name("History")).toBe("History~2");
    expect(name("a/b[c]")).toBe("a_b_c_");
    const long = "Q".repeat(32);
    expect(name(long)).toBe("Q".repeat(31));
    expect(name(long)).toBe(`${"Q".repeat(29)}~2`);
  });
});
