// Turns a zod failure on a request into our 422 envelope, with a Chinese message per field.
import type { Context } from "hono";
import type { z } from "zod";
import type { FieldError } from "../domain/error-codes.ts";
import { jsonError } from "./errors.ts";
import { pathOfNul } from "./text-schemas.ts";

const ZH: Record<string, string> = {
  invalid_type: "类型不正确",
  too_big: "超出允许的长度或数量",
  too_small: "少于要求的长度或数量",
  invalid_format: "格式不正确",
  unrecognized_keys: "包含不认识的字段",
  invalid_union: "类型不正确",
  invalid_key: "字段名不正确",
};

/** A refused field; on a question's answer (answers.Q3, otherText.Q3) it names the question. */
function fieldError(path: readonly PropertyKey[], message: string): FieldError {
  const field = path.map(String).join(".") || "(body)";
  const [top, question] = path;
  const onQuestion = (top === "answers" || top === "otherText") && typeof question === "string";
  return onQuestion ? { field, question, message } : { field, message };
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) =>
    fieldError(issue.path, `${ZH[issue.code] ?? "不符合要求"}: ${issue.message}`),
  );
}

/** Every route's params, query and body, after zod: a failure becomes the 422 envelope. */
export function validationHook(
  result: { success: boolean; error?: z.ZodError; data?: unknown },
  c: Context,
) {
  if (!result.success && result.error) {
    return jsonError(c, "invalid", "提交的内容不符合要求", toFieldErrors(result.error));
  }
  // Ids, names, labels and answers alike (text-schemas.ts says why): one check for every route.
  const nul = result.success ? pathOfNul(result.data) : null;
  if (nul)
    return jsonError(c, "invalid", "提交的内容不符合要求", [
      fieldError(nul, "含有无法保存的字符（U+0000）"),
    ]);
}
