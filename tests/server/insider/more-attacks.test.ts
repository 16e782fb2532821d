// The second round: five more ways in, found by an attacker reviewing the first fixes, each replayed
// here and refused. (A sixth, filling X's cohort with the insider's own submissions, is a limit of
// any threshold; README: Threat model says what guards against it.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filler, type Kit, minus, SURVEY, startKit, texts } from "../../support/insider-kit.ts";

let kit: Kit;
beforeEach(async () => {
  kit = await startKit();
});
afterEach(() => kit.server.close());

const X = {
  answers: { Q1: "A", Q2: "C", Q3: ["C", "D", "X"], Q4: "A", Q5: "某局长收受礼金", Q6: "X的举报" },
  otherText: { Q3: "X的其他" },
};
const close = () =>
  kit.call(kit.admin, "POST", `/admin/surveys/${SURVEY}/state`, { state: "closed" });

describe("signed differences", () => {
  it("views of S ∪ {X} and S ∪ {Y} are not both published: X − Y would give X's answers", async () => {
    const big = await kit.link("县直单位");
    for (let i = 0; i < 10; i++) expect(await kit.submit(big, filler(i).answers)).toBe(201);
    const xLink = await kit.link("X所在乡镇");
    expect(await kit.submit(xLink, X.answers, X.otherText)).toBe(201);
    const yLink = await kit.link("攻击者的渠道");
    const Y = { Q1: "A", Q2: "A", Q3: ["A", "B"], Q4: "A", Q5: "自己的", Q6: "自己的话" };
    expect(await kit.submit(yLink, Y)).toBe(201);
    expect((await close()).status).toBe(200); // each cell's last response released alone
    const [s, x, y] = await Promise.all(
      ["县直单位", "X所在乡镇", "攻击者的渠道"].map((label) => kit.channelId(label)),
    );
    const withX = await kit.view(`&channel=${s}&channel=${x}`);
    const withY = await kit.view(`&channel=${s}&channel=${y}`);
    const shows = (t: typeof withX) =>
      t.status === 200 && t.t?.columns.find((c) => c.key === "A")?.hidden === null;
    expect(shows(withX) && shows(withY)).toBe(false);
    // Nor do their text lists both come out: the difference would name X's texts outright.
    const listed = [withX, withY].map((v) => (v.t ? texts(v.t, "Q6") : null));
    expect(listed.every((l) => l !== null)).toBe(false);
  });
});

describe("text lists", () => {
  it("two lists of 10 and 15 are not both published: their difference is a channel's 5 texts", async () => {
    const big = await kit.link("县直单位");
    for (let i = 0; i < 10; i++) expect(await kit.submit(big, filler(i).answers)).toBe(201);
    const small = await kit.link("某站所");
    const SMALL = ["甲：所长吃拿卡要", "乙：站长打招呼", "丙：会议太多", "丁：检查太多", "戊：无"];
    for (const Q6 of SMALL)
      expect(await kit.submit(small, { Q1: "A", Q2: "C", Q3: ["A", "C"], Q4: "B", Q6 })).toBe(201);
    const [b, l] = [await kit.channelId("县直单位"), await kit.channelId("某站所")];
    const ten = await kit.view(`&channel=${b}`);
    const fifteen = await kit.view(`&channel=${b}&channel=${l}`);
    const lists = [ten, fifteen].map((v) => (v.t ? texts(v.t, "Q6") : null));
    const [a, c] = lists;
    if (a && c) expect([...minus(c, a).keys()].sort()).not.toEqual([...SMALL].sort());
    expect(lists.every((list) => list !== null)).toBe(false);
    expect(fifteen.t?.notes.join("")).toContain("文字回答只在“按类别、不筛选”的结果中列出");
  });
});

describe("releasing one response alone", () => {
  it("a closed survey cannot be reopened, so closing cannot be toggled right after someone answers", async () => {
    const link = await kit.link("乡镇甲");
    expect(await kit.submit(link, X.answers, X.otherText)).toBe(201);
    expect((await close()).status).toBe(200);
    const reopen = await kit.call(kit.admin, "POST", `/admin/surveys/${SURVEY}/state`, {
      state: "open",
    });
    expect(reopen.status).toBe(409);
    expect((await fetch(`${kit.server.url}/api/links/${link}/survey`)).status).toBe(410);
  });

  it("a link's category lock cannot move once it has responses, so none is stranded alone", async () => {
    const made = await kit.call(kit.distributor, "POST", "/admin/links", {
      surveyId: SURVEY,
      label: "乡镇丁",
      category: "A",
    });
    const link = (made.body as { link: { id: string } }).link.id;
    const { Q1: _locked, ...answers } = X.answers;
    expect(await kit.submit(link, answers, X.otherText)).toBe(201);
    const moved = await kit.call(kit.distributor, "PATCH", `/admin/links/${link}`, {
      category: "B",
    });
    expect(moved.status).toBe(422);
    for (let i = 0; i < 4; i++)
      expect(await kit.submit(link, { Q2: "B", Q3: ["A", "B"], Q4: "B" })).toBe(201);
    await kit.call(kit.distributor, "GET", `/admin/returns?survey=${SURVEY}`);
    // X's cell filled like any other: released with four others, not alone.
    expect(
      await kit.server.query<{ n: number }>(
        "SELECT count(*) AS n FROM responses WHERE released_on IS NOT NULL GROUP BY category",
      ),
    ).toEqual([{ n: 5 }]);
  });
});

describe("cap edits", () => {
  it("cannot count a link's responses one refusal at a time: lowering is refused at every value", async () => {
    const link = await kit.link("乡镇丙");
    const answersAt = async () => {
      const seen: number[] = [];
      for (const cap of [1, 2, 3, 4, 8, 1024]) {
        const edit = await kit.call(kit.distributor, "PATCH", `/admin/links/${link}`, { cap });
        seen.push(edit.status);
        // Accepted only while the link is empty; put it back to no cap.
        if (edit.status === 200)
          await kit.call(kit.distributor, "PATCH", `/admin/links/${link}`, { cap: null });
      }
      return seen;
    };
    const seen: number[][] = [];
    for (let i = 0; i < 3; i++) {
      expect(await kit.submit(link, { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" })).toBe(201);
      seen.push(await answersAt());
    }
    // One, two or three responses in: the same answers, whatever the cap tried.
    expect(new Set(seen.map((s) => s.join())).size).toBe(1);
    expect(seen[0]?.every((status) => status === 422)).toBe(true);
  });
});
