// What the analyst picked on the results view, and the one query string every results URL carries.

/** Empty values mean "the server's default": current version, category banner, every channel, all days. */
export interface Selection {
  version: number | null;
  banner: string;
  channels: string[];
  from: string;
  to: string;
}

export type Mode = "count" | "percent";

export const NO_SELECTION: Selection = {
  version: null,
  banner: "",
  channels: [],
  from: "",
  to: "",
};

/** survey=…&version=…&banner=…&channel=…&channel=…&from=…&to=…, leaving out what is default. */
export function resultsQuery(surveyId: string, s: Selection): string {
  const q = new URLSearchParams({ survey: surveyId });
  if (s.version !== null) q.set("version", String(s.version));
  if (s.banner) q.set("banner", s.banner);
  for (const channel of s.channels) q.append("channel", channel);
  if (s.from) q.set("from", s.from);
  if (s.to) q.set("to", s.to);
  return q.toString();
}

export const DOWNLOADS = [
  { path: "export.xlsx", label: "下载 Excel 表格" },
  { path: "export.csv", label: "下载 CSV" },
  { path: "report.docx", label: "下载 Word 报告" },
] as const;

export const PRINTABLE_REPORT = { path: "report.html", label: "打开可打印报告" } as const;
