// The sign-in waits as a schedule: counted before the check, few checks at once, doubling waits
// with a ceiling, and never a lock that refusals alone can keep shut.
import { describe, expect, it } from "vitest";
import {
  type Admission,
  createLoginThrottle,
  DEFAULT_THROTTLE,
} from "../../../server/admin/login-throttle.ts";

const T0 = 1_000_000;

/** An attempt whose check fails at once (admitted or not); the wait told when refused, else 0. */
async function fail(
  throttle: ReturnType<typeof createLoginThrottle>,
  who: string,
  at: number,
  address = "10.0.0.1",
) {
  const admission = await throttle.admit(who, address, at);
  if (!admission.ok) return admission.waitMs;
  await admission.done(false);
  return 0;
}

describe("the per-account schedule", () => {
  it("lets 5 attempts through, then doubles the wait per attempt up to 5 minutes", async () => {
    const throttle = createLoginThrottle();
    let now = T0;
    for (let i = 0; i < 5; i++) expect(await fail(throttle, "chief", now)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Too early each time: refused, and told how long; arriving then, the check runs.
      // From ever new addresses (a botnet), so only the name's own waits apply.
      const refused = await throttle.admit("chief", `10.1.${i}.1`, now);
      if (refused.ok) throw new Error("admitted without waiting");
      waits.push(refused.waitMs / 1000);
      now += refused.waitMs;
      expect(await fail(throttle, "chief", now, `10.2.${i}.1`)).toBe(0);
    }
    // Each refusal is counted too, so the waits go up by 4× per round trip, to the ceiling.
    expect(waits).toEqual([2, 8, 32, 128, 300, 300, 300, 300, 300, 300, 300, 300]);
  });

  it("is not a lock: refusals never push the next check past the ceiling", async () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) await fail(throttle, "chief", T0);
    // An attacker hammers for five minutes; the real user comes right after.
    for (let t = 0; t < 5 * 60_000; t += 100)
      await fail(throttle, "chief", T0 + t, `10.1.${t % 997}.1`);
    const real = await throttle.admit("chief", "10.9.9.9", T0 + 5 * 60_000);
    expect(real.ok).toBe(true);
    if (real.ok) await real.done(true);
    // The right password forgives the name at once.
    expect((await throttle.admit("chief", "10.9.9.9", T0 + 5 * 60_000 + 1)).ok).toBe(true);
  });

  it("counts an attempt before its check: one check at a time per name", async () => {
    const throttle = createLoginThrottle();
    const first = await throttle.admit("chief", "10.0.0.1", T0);
    const second = await throttle.admit("chief", "10.0.0.2", T0);
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, waitMs: 1000 });
  });

  it("forgets a name after an hour without attempts", async () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 7; i++) await fail(throttle, "chief", T0);
    expect(await fail(throttle, "chief", T0 + 1000)).toBeGreaterThan(0);
    expect(await fail(throttle, "chief", T0 + 1000 + DEFAULT_THROTTLE.forgetMs + 1)).toBe(0);
  });
});

describe("the per-address schedule", () => {
  it("lets 20 attempts across names through, then waits up to 15 minutes", async () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 20; i++) expect(await fail(throttle, `name${i}`, T0)).toBe(0);
    expect(await fail(throttle, "fresh-name", T0)).toBe(2000);
    for (let i = 0; i < 40; i++) await fail(throttle, `more${i}`, T0);
    expect(await fail(throttle, "fresh-name", T0)).toBe(15 * 60_000);
  });

  it("runs at most 4 checks at once from one address", async () => {
    const throttle = createLoginThrottle();
    const admitted: Admission[] = [];
    for (let i = 0; i < 6; i++) admitted.push(await throttle.admit(`name${i}`, "10.0.0.1", T0));
    expect(admitted.map((a) => a.ok)).toEqual([true, true, true, true, false, false]);
    expect((await throttle.admit("other", "10.0.0.2", T0)).ok).toBe(true);
  });
});
