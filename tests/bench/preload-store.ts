// A temporary store preloaded with `count` random responses, every category in turn, one channel,
// written directly (no HTTP): the starting file of the order and analysts benches.
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { seededRandom } from "../support/random-answers.ts";
import { openTabulationStore, type Spec } from "../support/tabulation-store.ts";

/** `dayOf(i)`: the release day of the i-th response. */
export function preloadStore(count: number, dayOf: (i: number) => string) {
  const store = openTabulationStore({ keep: false });
  const question = findCategoryQuestion(store.version.survey);
  const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
  const random = seededRandom(count);
  for (let done = 0; done < count; done += 1000) {
    const specs: Spec[] = Array.from({ length: Math.min(1000, count - done) }, (_, i) => ({
      category: categories[(done + i) % categories.length] ?? "A",
      channel: "t",
      day: dayOf(done + i),
    }));
    store.add(specs, random);
  }
  return store;
}
