// GET /privacy: "本系统保存什么", linked from the respondent page's privacy note. Public on purpose:
// the respondent deciding whether to answer honestly is the reader who needs it most.
import { Hono } from "hono";
import { html } from "hono/html";
import { findCategoryQuestion } from "../../surveys/format/answers.ts";
import type { RouteDeps } from "../app-deps.ts";
import { markupText, printPageHead } from "../http/print-page.ts";
import type { SurveyStore } from "../storage/storage.ts";
import {
  CODE_FIELDS,
  LOG_FIELDS,
  NEVER_STORED,
  PUBLICATION_FIELDS,
  RESPONSE_FIELDS,
  type StoredField,
} from "./stored-fields.ts";

const fieldTable = (caption: string, fields: readonly StoredField[]) => html`<table class="fields">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">保存的内容</th><th scope="col">为什么保存、为什么认不出您</th></tr></thead>
  <tbody>${fields.map(
    (f) => html`<tr data-field="${f.field}"><th scope="row">${f.name}</th><td>${f.why}</td></tr>`,
  )}</tbody>
</table>`;

/** What the page is told about the loaded surveys: their category questions' wording. */
export type CategoryWordings = () => Promise<string[]>;

/**
 * The category field in the survey's own words: “您的身份是?” for the seed survey, “您本次就诊的
 * 科室?” for another; never a word (身份) that only the seed survey uses.
 */
function withCategoryWording(fields: readonly StoredField[], wordings: string[]): StoredField[] {
  const named =
    wordings.length > 0
      ? `问卷中分类统计所用的那道题（${wordings.map((w) => `“${w}”`).join("、")}）`
      : "问卷中分类统计所用的那道题（类别题）";
  return fields.map((f) =>
    f.field === "responses.category"
      ? {
          ...f,
          name: "类别",
          why: `您在${named}中的选择（或该渠道预设的类别），用于按类别统计；人数少于规定下限的类别不单独发布。`,
        }
      : f,
  );
}

/** The category questions of the surveys currently served, for the page. */
export function categoryWordingsOf(
  deps: RouteDeps<"catalog", Pick<SurveyStore, "listVersions">>,
): CategoryWordings {
  return async () => {
    const ids = [...new Set((await deps.storage.listVersions()).map((v) => v.surveyId))];
    const texts: string[] = [];
    for (const id of ids) {
      const survey = (await deps.catalog.current(id))?.survey;
      const question = survey ? findCategoryQuestion(survey) : undefined;
      if (question) texts.push(question.text);
    }
    return [...new Set(texts)];
  };
}

function privacyPage(wordings: string[]): string {
  return markupText(html`${printPageHead("本系统保存什么", "/static/privacy.css")}
<body>
<main class="stored">
<h1>本系统保存什么</h1>
<p>本问卷匿名填写。下面列出数据库中与答卷有关的全部内容，一项不多，一项不少；系统的自动测试会核对这张清单与数据库的实际结构完全一致。</p>
<h2>每份答卷</h2>
${fieldTable("每份答卷保存的全部内容", withCategoryWording(RESPONSE_FIELDS, wordings))}
<h2>答题码（纸质二维码条）</h2>
${fieldTable("每个答题码保存的全部内容", CODE_FIELDS)}
<h2>结果发布记录</h2>
${fieldTable("防止前后结果相减的记录（不含答案）", PUBLICATION_FIELDS)}
<h2>服务器日志</h2>
${fieldTable("每次访问在日志中只记一行，内容如下", LOG_FIELDS)}
<h2>从不保存</h2>
<ul>${NEVER_STORED.map((item) => html`<li>${item}</li>`)}</ul>
<h2>在您的手机上</h2>
<p>填写过程中，答案只暂存在您自己手机的浏览器里，以免误关页面后重填；提交成功后立即清除。提交后显示的回执号只在您的手机上，用于确认已提交，服务器不保存它，凭它也查不到您的答卷。</p>
<p>通过问卷链接提交后，手机上只留下一条提交记录：“这个链接已提交过”和回执号，不含任何答案，也不含提交时间，以便您再次打开链接时看到“您已提交过本问卷”，不必重填。用纸质答题码提交的，手机上不留任何记录，连答题码也不留。此外，如果您切换过页面语言，手机会记住所选的语言。</p>
<p>您可以随时清除提交记录：在“您已提交过本问卷”页面上，或用下面的按钮清除这部手机上的全部提交记录（尚未提交的答案不受影响）。</p>
<p class="forget"><button type="button" id="forget-submitted" hidden>清除本设备上的提交记录</button></p>
<p class="forget" id="forget-status" role="status"></p>
<h2>统计结果的发布</h2>
<p>结果只按类别汇总发布。人数少于问卷规定下限（默认 5 人）的类别或筛选不单独发布，在任何表格中都不单独列出，文字回答在人数达到 10 人的组内才显示，以免从少数人的答案中认出某个人。</p>
<p>回收数和统计结果只在同一类别、同一渠道凑满问卷规定的最小发布人数（通常 5 份）时整批更新，所以即使有人知道您何时提交，也无法从管理后台的数字变化中认出哪一份是您的。</p>
<p>管理员的账号和操作记录另行保存，与答卷没有任何关联。</p>
</main>
<script src="/static/forget-submitted.js"></script>
</body>
</html>`);
}

/** `wordings`: the loaded surveys' category questions (categoryWordingsOf); none: a generic name. */
export function privacyRoute(wordings: CategoryWordings = async () => []) {
  return new Hono().get("/privacy", async (c) => c.html(privacyPage(await wordings())));
}
