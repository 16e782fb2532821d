// `link create|list|pause|resume|close`: distribution links from the command line.
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { releasedCounts } from "../collection-progress/released-counts.ts";
import type { System } from "../compose.ts";
import type { Config } from "../config.ts";
import { createLink } from "../links/create-link.ts";
import { linkStatusText, STATUS_WIDTH } from "../links/link-status-text.ts";
import { baseUrl, respondentUrl } from "../links/link-urls.ts";

interface LinkFlags {
  survey?: string;
  label?: string;
  category?: string;
  cap?: string;
  opens?: string;
  closes?: string;
}

const FLAG_OF: Record<string, string> = {
  surveyId: "survey",
  opensAt: "opens",
  closesAt: "closes",
};

export async function createLinkCommand(
  system: System,
  config: Config,
  flags: LinkFlags,
): Promise<number> {
  const { storage, catalog } = system.deps;
  const surveyId = flags.survey ?? system.report.loaded[0]?.surveyId;
  if (!surveyId || !flags.label) {
    console.error("link create needs --label (and --survey when there are several surveys)");
    return 2;
  }
  const cap = flags.cap === undefined ? null : Number(flags.cap);
  const category =
    flags.category === undefined ? null : await categoryCode(system, surveyId, flags.category);
  const made = await createLink(
    storage,
    catalog,
    { surveyId, label: flags.label, category, cap, opensAt: flags.opens, closesAt: flags.closes },
    new Date(),
  );
  if (!made.ok) {
    console.error(`✗ --${FLAG_OF[made.field] ?? made.field}: ${made.message}`);
    return 2;
  }
  console.log(respondentUrl(baseUrl(config, config.port), made.link.id));
  // On stderr, so `URL=$(npm run cli -- link create …)` still gets the URL alone.
  const status = linkStatusText(made.link, new Date(), config.timeZone);
  if (status.availability !== "open")
    console.error(`⚠ ${status.word}${status.when ? `: ${status.when}` : ""}`);
  return 0;
}

/** Offices think in names (普通群众), storage in codes (J): accept either. */
async function categoryCode(system: System, surveyId: string, given: string): Promise<string> {
  const survey = (await system.deps.catalog.current(surveyId))?.survey;
  const question = survey ? findCategoryQuestion(survey) : undefined;
  if (!question || !isChoice(question)) return given;
  return question.options.find((o) => o.label === given)?.code ?? given;
}

export async function listLinksCommand(system: System, config: Config): Promise<number> {
  // The same rule as the server's printed links, from the same settings (CLI: nothing listens).
  const base = baseUrl(config, config.port);
  const now = new Date();
  const links = await system.deps.storage.listLinks();
  if (links.length === 0) console.log("No links yet: npm run cli -- link create --label 渠道名");
  const { storage } = system.deps;
  const released = await releasedCounts(
    storage,
    links.map((l) => l.surveyId),
  );
  for (const link of links) {
    const cap = link.cap === null ? "" : ` / ${link.cap}`;
    const category = link.lockedCategory ? ` category=${link.lockedCategory}` : "";
    // Released responses, as the console shows them; the cap counts every stored response.
    const n = released(link.surveyId, link.channelId);
    // What a respondent gets now (a link opening tomorrow is "not yet open"), not the stored state.
    const status = linkStatusText(link, now, config.timeZone);
    const when = status.when ? `  (${status.when})` : "";
    console.log(
      `${status.word.padEnd(STATUS_WIDTH)} ${String(n).padStart(5)}${cap} released  ${link.label}${category}${when}`,
    );
    console.log(`${" ".repeat(STATUS_WIDTH + 1)}${respondentUrl(base, link.id)}`);
  }
  console.log(`Responses stored in all (released or waiting): ${await storage.countResponses()}`);
  return 0;
}

export async function setLinkStateCommand(
  system: System,
  verb: "pause" | "resume" | "close",
  linkId?: string,
): Promise<number> {
  const state = verb === "pause" ? "paused" : verb === "resume" ? "open" : "closed";
  if (!linkId || !(await system.deps.storage.setLinkState(linkId, state))) {
    console.error(`✗ no link "${linkId ?? ""}"`);
    return 2;
  }
  console.log(`link ${state}`);
  return 0;
}
