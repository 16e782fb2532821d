// The hostile strings of the XSS corpus, and a survey whose every text carries them. Each payload,
// if a page ever parsed it as markup or ran it as script, reaches a sink the browser test sees: a
// request to /xss-hit?id=N, an alert/confirm/prompt, `window.__xss = N`, or leaving the page.
import type { SurveyInput } from "../../surveys/format/schema.ts";

export const SINK_PATH = "/xss-hit";

export interface Payload {
  id: number;
  /** What it tries, for the report. */
  kind: string;
  text: string;
}

/** Link, batch and token labels take at most 100 characters; every payload fits them all. */
export const MAX_PAYLOAD_LENGTH = 100;

const hit = (n: number) => `${SINK_PATH}?id=${n}`;

const MAKERS: [string, (n: number) => string][] = [
  ["script tag", (n) => `<script>alert(${n})</script>`],
  ["img onerror", (n) => `<img src=${hit(n)} onerror=alert(${n})>`],
  ["svg onload", (n) => `<svg onload=alert(${n})>`],
  ["script in svg", (n) => `<svg><script>window.__xss=${n}</script></svg>`],
  ["iframe srcdoc", (n) => `<iframe srcdoc="<img src=${hit(n)}>"></iframe>`],
  ["iframe javascript:", (n) => `<iframe src="javascript:alert(${n})"></iframe>`],
  ["a href javascript:", (n) => `<a href="javascript:alert(${n})">点击查看</a>`],
  ["bare javascript: URL", (n) => `javascript:alert(${n})`],
  ["textarea breakout", (n) => `</textarea><img src=${hit(n)} onerror=alert(${n})>`],
  ["title breakout", (n) => `</title><img src=${hit(n)}>`],
  ["style breakout", (n) => `</style><img src=${hit(n)}>`],
  ["script breakout", (n) => `</script><script>alert(${n})</script>`],
  ["xmp breakout", (n) => `</xmp><img src=${hit(n)}>`],
  ["noscript mXSS", (n) => `<noscript><p title="</noscript><img src=${hit(n)}>">`],
  ["attribute breakout", (n) => `"><img src=${hit(n)} onerror=alert(${n})>`],
  ["single-quote breakout", (n) => `'><svg onload=alert(${n})>`],
  ["event attribute injection", (n) => `" autofocus onfocus="alert(${n})" x="`],
  ["template literal", (n) => `\${alert(${n})}\${window.__xss=${n}}`],
  ["Lit marker comment", (n) => `<!--?lit$123456$--><img src=${hit(n)}>`],
  ["Lit marker text", (n) => `lit$123456$<?lit$123456$><b>${n}</b>`],
  ["template injection", (n) => `{{constructor.constructor('alert(${n})')()}}`],
  ["CSS expression", (n) => `<div style="width:expression(alert(${n}))">css</div>`],
  ["math mXSS", (n) => `<math><mtext><table><mglyph><style><img src=${hit(n)}>`],
  ["svg style mXSS", (n) => `<svg></p><style><a id="</style><img src=${hit(n)}>">`],
  ["entity-encoded script", (n) => `&lt;script&gt;alert(${n})&lt;/script&gt;`],
  ["numeric entities", (n) => `&#60;img src=${hit(n)} onerror=alert(${n})&#62;`],
  ["data: URL link", (n) => `<a href="data:text/html,<script>alert(${n})</script>">data</a>`],
  ["object data:", (n) => `<object data="data:text/html,<script>alert(${n})</script>"></object>`],
  ["meta refresh", (n) => `<meta http-equiv="refresh" content="0;url=${hit(n)}">`],
  ["base href", (n) => `<base href="//xss.invalid/${n}/">`],
  ["link import", (n) => `<link rel=import href=${hit(n)}>`],
  ["link stylesheet", (n) => `<link rel=stylesheet href=${hit(n)}>`],
  ["embed", (n) => `<embed src=${hit(n)}>`],
  ["details ontoggle", (n) => `<details open ontoggle=alert(${n})>`],
  ["video source onerror", (n) => `<video><source onerror=alert(${n})></video>`],
  ["body onload", (n) => `<body onload=alert(${n})>`],
  ["input autofocus", (n) => `<input autofocus onfocus=alert(${n})>`],
  [
    "form action javascript:",
    (n) => `<form action=javascript:alert(${n})><button>提交</button></form>`,
  ],
  ["external script", (n) => `<script src=${hit(n)}></script>`],
  ["style @import", (n) => `<style>@import '${hit(n)}';</style>`],
  ["svg a javascript:", (n) => `<svg><a href="javascript:alert(${n})"><text>x</text></a></svg>`],
  ["URL-encoded script", (n) => `%3Cscript%3Ealert(${n})%3C/script%3E`],
  ["JS string breakout", (n) => `\\"-alert(${n})-\\"';window.__xss=${n}//`],
  ["line separators", (n) => `甲\u2028\u2029</script><script>alert(${n})</script>`],
  ["img fetch sink", (n) => `<img src=x:x onerror=fetch('${hit(n)}')>`],
  ["select noembed mXSS", (n) => `<select><noembed></select><img src=${hit(n)}>`],
];

export const PAYLOADS: Payload[] = MAKERS.map(([kind, make], i) => ({
  id: i + 1,
  kind,
  text: make(i + 1),
}));

for (const p of PAYLOADS) {
  if (p.text.length > MAX_PAYLOAD_LENGTH || p.text !== p.text.trim() || /[\n\r]/.test(p.text))
    throw new Error(`payload ${p.id} must be one trimmed line of ≤ ${MAX_PAYLOAD_LENGTH} chars`);
}

export const payload = (i: number): string => PAYLOADS[i % PAYLOADS.length]!.text;

/** Categories: A and B get ≥ 10 responses each (so their texts are listed), C gets none. */
export const HOSTILE_CATEGORIES = ["A", "B", "C"] as const;

/**
 * The hostile survey: title, intro, the county variable, section titles and descriptions,
 * question texts, help, every option label (all payloads are options of Q3), category labels,
 * a report phrase, and three free-text fields (Q2's 其他, Q3's 其他, Q4, Q5).
 */
export function hostileSurvey(): SurveyInput {
  const option = (code: string, i: number) => ({ code, label: payload(i) });
  return {
    id: "hostile",
    // In every page's <title> too: the title breakout and the script tag.
    title: `${payload(9)}问卷${payload(0)}`,
    intro: `${payload(1)} 说明 ${payload(2)}`,
    variables: { county: payload(3) },
    sections: [
      {
        code: "S1",
        title: payload(4),
        description: payload(5),
        questions: [
          {
            code: "Q1",
            kind: "single",
            text: `身份${payload(6)}`,
            help: payload(7),
            required: true,
            category: true,
            options: HOSTILE_CATEGORIES.map((code, i) => option(code, 8 + i)),
          },
          {
            code: "Q2",
            kind: "single",
            text: `{{county}}的政治生态${payload(11)}`,
            required: true,
            options: [
              option("A", 12),
              option("B", 13),
              { code: "X", label: `其他${payload(14)}`, other: true, otherMaxLength: 200 },
            ],
          },
        ],
      },
      {
        code: "S2",
        title: payload(15),
        questions: [
          {
            code: "Q3",
            kind: "multiple",
            text: payload(16),
            help: payload(17),
            required: true,
            reportPhrase: `是{{county}}的主要问题${payload(18)}`,
            options: [
              ...PAYLOADS.map((_, i) => option(`P${i + 1}`, i)),
              { code: "X", label: "其他（请注明）", other: true, otherMaxLength: 200 },
            ],
          },
        ],
      },
      {
        code: "S3",
        title: payload(19),
        description: payload(20),
        questions: [
          { code: "Q4", kind: "shortText", text: payload(21), maxLength: 200 },
          { code: "Q5", kind: "longText", text: payload(22), help: payload(23), maxLength: 2000 },
        ],
      },
    ],
  };
}
