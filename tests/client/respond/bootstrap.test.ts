// What the phone page accepts from the HTML it is given: grids, and the console's preview shell.
import { describe, expect, test } from "vitest";
import { readBootstrap } from "../../../client/respond/bootstrap.ts";
import { GRID_FILE, loadSurveyFile } from "../../e2e/matrix-steps.ts";

/** As the server embeds it: parsed, defaults filled in, variables resolved. */
const grid = JSON.parse(JSON.stringify(loadSurveyFile(GRID_FILE)));

/** Only getElementById("survey-data") is read: a stand-in for the served page is enough. */
function pageWith(data: unknown): Document {
  const script = { textContent: JSON.stringify(data) };
  return { getElementById: (id: string) => (id === "survey-data" ? script : null) } as never;
}

const link = {
  linkId: "abc",
  submitPath: "/api/links/abc/responses",
  version: 3,
  lockedCategory: null,
  survey: grid,
};

describe("readBootstrap", () => {
  test("a link's page with grids is read as it was served, not as a preview", () => {
    const boot = readBootstrap(pageWith(link));
    expect(boot?.preview).toBe(false);
    expect(boot?.linkId).toBe("abc");
    expect(boot?.survey.sections.flatMap((s) => s.questions).map((q) => q.kind)).toContain(
      "matrix",
    );
  });

  test("a grid without rows, or with a row lacking its label, is refused", () => {
    const broken = (change: (q: Record<string, unknown>) => void) => {
      const survey = structuredClone(grid);
      const q = survey.sections
        .flatMap((s: { questions: Record<string, unknown>[] }) => s.questions)
        .find((x: { kind: string }) => x.kind === "matrix");
      change(q);
      return readBootstrap(pageWith({ ...link, survey }));
    };
    expect(broken(() => undefined)).not.toBeNull();
    expect(broken((q) => delete q.rows)).toBeNull();
    expect(broken((q) => (q.rows = [{ code: "r1" }]))).toBeNull();
    expect(broken((q) => (q.options = "好"))).toBeNull();
  });

  test("the preview shell needs only { preview: true, survey }: no link, nowhere to send", () => {
    const boot = readBootstrap(pageWith({ preview: true, lockedCategory: null, survey: grid }));
    expect(boot).toMatchObject({ preview: true, linkId: "", lockedCategory: null, version: 0 });
    expect(readBootstrap(pageWith({ preview: true }))).toBeNull();
    // Only the literal true makes a preview: a link's page stays a link's page.
    expect(readBootstrap(pageWith({ ...link, preview: "yes" }))?.preview).toBe(false);
  });
});
