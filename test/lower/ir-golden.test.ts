/**
 * The IR of samples, as `sriovc compile samples/NAME.sriov` (run from the repository's root) writes it: the
 * three samples with an offloading vSwitch, and two without, whose IR a change to offload must leave alone.
 * The goldens are written by that command, not by this test, and reviewed in the diff.
 */
import * as path from "node:path";
import { describe, it } from "vitest";
import { expectGolden } from "../helpers/golden.js";
import { irOfFile, REPO, SAMPLES } from "../interop/support.js";

const GOLDEN = path.join(import.meta.dirname, "golden");
const IR_GOLDEN_SAMPLES = ["k8s-switchdev", "switchdev-offload", "vdpa-migration", "k8s-worker", "four-data-paths"] as const;

describe("the IR of samples is its golden", () => {
  it.each(IR_GOLDEN_SAMPLES)("%s", (name) => {
    const ir = irOfFile(path.join(SAMPLES, `${name}.sriov`), REPO);
    if (ir === undefined) throw new Error(`samples/${name}.sriov does not check without errors`);
    expectGolden(`${JSON.stringify(ir, null, 2)}\n`, path.join(GOLDEN, `${name}.ir.json`));
  });
});
