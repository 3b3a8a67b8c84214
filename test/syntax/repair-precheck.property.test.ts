// `repairTokens` (src/syntax/mistakes.ts) first asks `mayNeedRepair` whether any token may be a mistake
// it repairs, and returns the tokens as they are when none may. Both it and the repair's own loop
// (`repairEach`) take which mistakes a token may be from one function (`mistakesAt`), so the first
// question cannot say no where the repair finds something unless the two loops walk the tokens apart
// (the delimiters open, the tokens before) or a repair is not behind one of its bits: checked here on
// random token soups, mutated samples and a generated topology, with one-token mistakes put anywhere, by
// asking that `repairTokens` and `repairEach` give the same tokens and diagnostics. And the first
// question must say no on files without mistakes, or it spares nothing.
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutate, rng, tokenSoup } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { mayNeedRepair, repairEach, repairTokens } from "../../src/syntax/mistakes.js";
import { scan } from "../../src/syntax/scanner.js";
import { LineIndex } from "../../src/syntax/span.js";
import { REPO } from "../helpers/cli.js";
import { propertyRuns } from "../helpers/property.js";

const SAMPLES = path.join(REPO, "samples");
const samples = readdirSync(SAMPLES, { recursive: true })
  .filter((f) => String(f).endsWith(".sriov"))
  .map((f) => ({ name: String(f), text: readFileSync(path.join(SAMPLES, String(f)), "utf8") }));
const generated = generateTopology({ lines: 1500 }).source;

/** Small pieces that are, or are near, a mistake the repair knows. */
const MISTAKES = [":", "::", "=", "==", ",", ";", "};", "2-5", "2...5", "2.4 GHz", "10 gbps", "52:54:0:0", "52-54-00-00-00-01", "03:00.0", "'q'", "hots h {", "interface x {", "improt \"x\"", "vm {", "[a b]", "[1 2]", "cores 8", "x \"s\"", "\n", " ", "{", "}", "[", "]", "(", ")"];

function agrees(text: string): { needs: boolean; repaired: boolean } {
  const lines = new LineIndex("t.sriov", text);
  const tokens = scan(text).tokens;
  const needs = mayNeedRepair(tokens, lines);
  const full = repairEach(tokens, lines, Number.POSITIVE_INFINITY);
  const repaired = full.stop || full.diagnostics.length > 0 || full.tokens !== tokens;
  // The same with the first question asked, whole and with a small budget.
  expect(repairTokens(tokens, lines), text).toEqual(full);
  expect(repairTokens(tokens, lines, 2), text).toEqual(repairEach(tokens, lines, 2));
  return { needs, repaired };
}

describe("the repair's first question (mayNeedRepair)", () => {
  it("says no on the samples (no syntax mistakes) and a generated topology, yes on a mistake", () => {
    for (const { name, text } of samples) expect(agrees(text), name).toEqual({ needs: false, repaired: false });
    expect(agrees(generated)).toEqual({ needs: false, repaired: false });
    expect(agrees("host h1 {\n  cores: 8\n}\n")).toEqual({ needs: true, repaired: true });
  });

  it("never says no where the repair finds something (token soups, mutations, mistakes put anywhere)", () => {
    const seeds = [...samples.map((s) => s.text), generated];
    let repairedSeen = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 }), (seed, kind) => {
        const r = rng(seed);
        let text: string;
        if (kind === 0) text = tokenSoup(r, 5 + r.int(60));
        else {
          text = r.pick(seeds);
          if (kind === 1) text = mutate(r, text, 1 + r.int(3));
          for (let m = 1 + r.int(2); m > 0; m--) {
            const at = r.int(text.length + 1);
            text = text.slice(0, at) + r.pick(MISTAKES) + text.slice(at);
          }
        }
        const { needs, repaired } = agrees(text);
        if (repaired) {
          repairedSeen++;
          expect(needs, text).toBe(true);
        }
      }),
      propertyRuns(600, 1806),
    );
    // The inputs do exercise the repair.
    expect(repairedSeen).toBeGreaterThan(100);
  });
});
