// Exactly what the database keeps about a response and a code, in plain Chinese. The page
// "本系统保存什么" prints this list, and a test holds it equal to the live schema, so the page
// cannot drift from what is really stored.

export interface StoredField {
  /** `table.column` in the database. */
  field: string;
  /** What it is, for someone who has never seen a database. */
  name: string;
  /** Why it is kept, and why it cannot identify anyone. */
  why: string;
}

export const RESPONSE_FIELDS: readonly StoredField[] = [
  {
    field: "responses.id",
    name: "答卷编号",
    why: "由答题页面临时生成的随机数经不可逆运算得出，只用于防止同一份答卷因网络重试被保存两次；它与您手机上的回执号不同，两者无法互相推算。",
  },
  {
    field: "responses.survey_version_id",
    name: "问卷版本",
    why: "问卷内容修改后会成为新版本，统计时按您实际看到的题目计数。",
  },
  {
    field: "responses.channel",
    name: "发放渠道名称",
    why: "例如“县直单位”“纸质二维码”，由多人共用，用于了解各渠道回收了多少份；不保存您打开的链接编号或答题码。",
  },
  {
    field: "responses.category",
    name: "身份类别",
    why: "您在身份题中的选择（或该渠道预设的类别），用于按类别统计；人数少于规定下限的类别不单独发布。",
  },
  {
    field: "responses.answers",
    name: "您的答案",
    why: "包括选择题的选项、“其他”项的说明和文字回答。为便于统计，系统还会把同一份答案按题目拆开另存一份，内容相同，不增加任何信息。",
  },
  {
    field: "responses.submitted_on",
    name: "提交日期",
    why: "只记到哪一天，不记几点几分，用于显示每天的回收进度。",
  },
];

export const CODE_FIELDS: readonly StoredField[] = [
  {
    field: "codes.code",
    name: "答题码",
    why: "印在纸条上的随机码，用于核对是否有效；答卷上不保存答题码。",
  },
  {
    field: "codes.batch_id",
    name: "所属批次",
    why: "这张纸条属于哪一批（批次只有名称、份数和类别）。",
  },
  {
    field: "codes.used",
    name: "是否已使用",
    why: "只有“已用/未用”一个标记，防止一码多答；不记录使用时间，也不记录用它提交的是哪一份答卷。",
  },
  {
    field: "codes.revoked",
    name: "是否已作废",
    why: "丢失的纸条可以作废，作废后不能再答题。",
  },
];

/** What one access-log line holds (server/http/access-log.ts AccessLogLine). */
export const LOG_FIELDS: readonly StoredField[] = [
  { field: "log.method", name: "请求类型", why: "例如“提交”或“读取”。" },
  {
    field: "log.route",
    name: "地址模式",
    why: "例如“/api/links/:linkId/responses”：只记地址的格式，不记具体的链接编号或答题码。",
  },
  { field: "log.status", name: "结果代码", why: "例如 201 表示保存成功。" },
  { field: "log.ms", name: "处理耗时（毫秒）", why: "用于发现服务器变慢。" },
];

/** Things people commonly fear a survey keeps; the page says plainly that this one does not. */
export const NEVER_STORED: readonly string[] = [
  "姓名、身份证号、手机号、工作单位等任何个人信息",
  "IP 地址、设备型号、浏览器信息、Cookie 或任何设备标识",
  "精确的作答或提交时间（只记日期）",
  "您打开的链接编号或使用的答题码（答卷上都没有）",
  "回执号（只显示在您的手机上，服务器不保存）",
  "答题的先后顺序：答卷按随机编号排列，保存和导出的顺序与提交顺序无关",
];
