// The file-system fuzzer (bench/fs-fuzz.mjs) in CI: seeded trees of files, symbolic links (loops, fan-outs,
// links out of the root), FIFOs, devices, unreadable, huge and oddly named files, driven through `check`,
// `fmt --write` and `compile -o`. The long run (`npm run fuzz`) drives more seeds.
import { describe, expect, it } from "vitest";
import { fuzzTree } from "../../bench/fs-fuzz.mjs";
import { BIN } from "../helpers/cli.js";

const SEEDS = 12;

describe("file-system fuzzing", () => {
  it(`exit 0/1/2 in time, no stack trace, nothing outside the root read, nothing but the named file changed (${SEEDS} trees)`, () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) problems.push(...fuzzTree(seed, BIN, 20_000));
    expect(problems).toEqual([]);
  }, 600_000);
});
