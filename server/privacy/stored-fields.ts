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
    field: "responses.channel_id",
    name: "发放渠道编号",
    why: "一个随机编号，代表您打开的那个链接或那批纸条所属的渠道（例如“县直单位”），由多人共用，用于了解各渠道回收了多少份。渠道名称只保存在渠道自己的记录里，改名不会写进任何答卷；不保存您打开的链接编号或答题码。",
  },
  {
    field: "responses.category",
    name: "类别",
    why: "您在类别题中的选择（或该渠道预设的类别），用于按类别统计；人数少于规定下限的类别不单独发布。",
  },
  {
    field: "responses.answers",
    name: "您的答案",
    why: "包括选择题的选项、“其他”项的说明和文字回答。为便于统计，系统还会把同一份答案按题目拆开另存一份，内容相同，不增加任何信息。",
  },
  {
    field: "responses.released_on",
    name: "发布日期",
    why: "不记提交的日期和时间。答卷先“待发布”，等同一类别、同一渠道的待发布答卷达到问卷规定的最小发布人数时一起发布，才计入回收数和统计结果；这里记的是这一批发布的日期。问卷结束收集时，其余答卷按类别一并发布；若结果已发布过、某类别剩下的不足最小发布人数，这几份不再发布，也不计入任何结果。",
  },
];

/** What the differencing check keeps about published results (tabulate/disclosure/). */
export const PUBLICATION_FIELDS: readonly StoredField[] = [
  {
    field: "disclosure_members.survey_version_id",
    name: "问卷版本",
    why: "这条发布记录属于哪个问卷版本。",
  },
  {
    field: "disclosure_members.response_id",
    name: "答卷编号",
    why: "哪些答卷已经出现在发布过的统计结果中。系统据此防止有人把前后两次结果相减、推算出少数几个人的答案；重启后仍然有效。",
  },
  {
    field: "disclosure_members.ordinal",
    name: "序号",
    why: "计算用的小整数。答卷只会整批发布，所以它最多反映答卷属于哪一批，反映不出提交先后。",
  },
  {
    field: "disclosure_partitions.survey_version_id",
    name: "问卷版本",
    why: "这条发布记录属于哪个问卷版本。",
  },
  {
    field: "disclosure_partitions.domain",
    name: "范围",
    why: "全体题目，或某道只有部分人看到的题。",
  },
  {
    field: "disclosure_partitions.classes",
    name: "分组",
    why: "已发布的答卷分别落在哪几个已发布的组里（只有组号，没有答案）。",
  },
  {
    field: "disclosure_partitions.groups",
    name: "已发布的组",
    why: "每次发布的每一列包含哪些分组，用于核对新的结果能否与旧结果相减。",
  },
  {
    field: "disclosure_revisions.survey_version_id",
    name: "问卷版本",
    why: "这条计数属于哪个问卷版本。",
  },
  {
    field: "disclosure_revisions.revision",
    name: "记录次数",
    why: "发布记录被改写过几次。两台服务器共用一个数据库时，据此发现对方刚发布过结果，先核对再发布；只是一个计数，不含答卷编号、答案或时间。",
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
  "IP 地址、设备型号、浏览器信息、Cookie 或任何设备标识（防刷问卷的提交次数限制、异常提醒和计算题验证只在服务器内存中按网络地址或链接计数几分钟，从不写入磁盘或日志，重启即清空）",
  "作答或提交的日期和时间（只记整批发布的日期）",
  "您打开的链接编号或使用的答题码（答卷上都没有）",
  "回执号（只显示在您的手机上，服务器不保存）",
  "答题的先后顺序：答卷按随机编号排列；每次收集告一段落后，整个数据库文件会按编号重新排列一遍，文件中的存放位置也与提交顺序无关",
];
