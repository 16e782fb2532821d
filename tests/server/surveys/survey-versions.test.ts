// Versions are frozen: a changed file is a new version, and responses keep the one they answered.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSurveyFiles } from "../../../server/surveys/survey-catalog.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer } from "../../support/test-server.ts";

const answers = { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" };

describe("survey versions", () => {
  it("keeps the version for an unchanged file, adds one for a changed file, and tags each response", async () => {
    const dir = mkdtempSync(join(tmpdir(), "surveys-"));
    const file = join(dir, "mini.json");
    copyFileSync(resolve("tests/fixtures/surveys/mini.json"), file);
    const server = await startTestServer({ surveysDir: dir });
    try {
      const { storage, catalog } = server.system.deps;
      const link = await server.createLink();
      const url = `${server.url}/api/links/${link.id}/responses`;
      const v1 = (await catalog.current("mini"))!;
      expect(v1.version).toBe(1);
      expect(
        (await postJson(url, { submissionId: newSubmissionId(), version: v1.id, answers })).status,
      ).toBe(201);

      // Loading the same file again changes nothing.
      expect((await loadSurveyFiles(storage, dir, "2026-11-25")).loaded).toEqual([
        { file: expect.any(String), surveyId: "mini", version: 1 },
      ]);

      // Rewording a label creates version 2; version 1 stays as it was.
      writeFileSync(file, readFileSync(file, "utf8").replace("小问卷", "小型问卷"));
      expect((await loadSurveyFiles(storage, dir, "2026-11-25")).loaded[0]?.version).toBe(2);
      const v2 = (await catalog.current("mini"))!;
      expect(v2.survey.title).toBe("xx县小型问卷");
      expect((await catalog.byVersionId(v1.id))?.survey.title).toBe("xx县小问卷");
      const served = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
        version: number;
      };
      expect(served.version).toBe(v2.id);

      // A phone that loaded version 1 before the change can still submit against it.
      expect(
        (await postJson(url, { submissionId: newSubmissionId(), version: v1.id, answers })).status,
      ).toBe(201);
      expect(
        (await postJson(url, { submissionId: newSubmissionId(), version: v2.id, answers })).status,
      ).toBe(201);
      const perVersion = await server.query<{ v: number; n: number }>(
        "SELECT survey_version_id AS v, count(*) AS n FROM responses GROUP BY v ORDER BY v",
      );
      expect(perVersion).toEqual([
        { v: v1.id, n: 2 },
        { v: v2.id, n: 1 },
      ]);
      // Released (here: the survey closed), each lands in its version's part of the long table.
      await server.system.deps.storage.setSurveyState("mini", "closed");
      const answerVersions = await server.query<{ v: number }>(
        "SELECT DISTINCT survey_version_id AS v FROM answers ORDER BY v",
      );
      expect(answerVersions).toEqual([{ v: v1.id }, { v: v2.id }]);
    } finally {
      await server.close();
    }
  });

  it("refuses an invalid file by name and registers none of that start's files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "surveys-"));
    copyFileSync(resolve("tests/fixtures/surveys/mini.json"), join(dir, "mini.json"));
    writeFileSync(
      join(dir, "broken.json"),
      JSON.stringify({ id: "broken", title: "x", sections: [] }),
    );
    const server = await startTestServer({ surveysDir: dir, allowErrors: true });
    try {
      expect(server.system.report.errors.join("\n")).toMatch(/broken\.json: sections: /);
      expect(await server.system.deps.catalog.current("broken")).toBeUndefined();
      // npm start stops on this report (tests/server/startup.test.ts); the valid file waits too.
      expect(await server.system.deps.catalog.current("mini")).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
