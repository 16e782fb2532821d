// Creates drafts (blank, from a version, from an imported survey) and deletes them.
import { type ApiResult, call } from "./api.ts";
import { isDraftBody } from "./draft-shapes.ts";

export type DraftSource =
  | { source: "blank" }
  | { source: "version"; surveyId: string; version: number }
  | { source: "survey"; survey: unknown };

/** The new draft's id, or the server's error. */
export async function createDraft(body: DraftSource): Promise<ApiResult<string>> {
  const result = await call("POST", "/api/admin/drafts", isDraftBody, { body });
  return result.ok ? { ok: true, data: result.data.draft.id } : result;
}

export const deleteDraft = (id: string) =>
  call("DELETE", `/api/admin/drafts/${encodeURIComponent(id)}`, (v): v is unknown => true);

/** The draft that stays open across reloads and view changes (and is handed over from 问卷). */
const OPEN_KEY = "survey-editor.open-draft";

export const openDraftId = () => sessionStorage.getItem(OPEN_KEY);

export function rememberOpenDraft(id: string | null) {
  if (id === null) sessionStorage.removeItem(OPEN_KEY);
  else sessionStorage.setItem(OPEN_KEY, id);
}

/**
 * Saves the survey being edited as .xlsx (to finish in Excel or WPS and import again). The route
 * answers a POST with the file, so it is fetched and handed to the browser as a download.
 */
export async function downloadXlsx(survey: unknown, name: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch("/api/admin/surveys/to-xlsx", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ survey }),
    });
  } catch {
    return "无法连接服务器，请检查网络后重试。";
  }
  if (!response.ok) return "问卷还不完整，无法生成表格：请先改正标出的问题。";
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name || "问卷"}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
