/**
 * What `sriovc compile samples/NAME.sriov --emit FORMAT` (run from the repository's root) writes for the
 * samples with an offloading vSwitch: the files on standard output (`.out`) and the warnings on standard
 * error (`.err`). The goldens are written by that command, not by this test, and reviewed in the diff.
 */
import * as path from "node:path";
import { describe, it } from "vitest";
import { INTEROP_EMITTERS, joinFiles, renderWarnings } from "../../src/interop/emit/index.js";
import type { InteropEmitFormat } from "../../src/interop/formats.js";
import { expectGolden } from "../helpers/golden.js";
import { irOfFile, REPO, SAMPLES } from "./support.js";

const GOLDEN = path.join(import.meta.dirname, "golden");
const CASES = ["k8s-switchdev", "switchdev-offload", "vdpa-migration"].flatMap((name) => (["netplan", "k8s", "libvirt"] as const).map((format): [string, InteropEmitFormat] => [name, format]));

describe("emitting the offload samples writes their goldens", () => {
  it.each(CASES)("%s --emit %s", (name, format) => {
    const source = `samples/${name}.sriov`;
    const ir = irOfFile(path.join(SAMPLES, `${name}.sriov`), REPO);
    if (ir === undefined) throw new Error(`${source} does not check without errors`);
    const emitted = INTEROP_EMITTERS[format].emit(ir, source);
    expectGolden(joinFiles(emitted.files), path.join(GOLDEN, `${name}.${format}.out`));
    expectGolden(renderWarnings(emitted.warnings), path.join(GOLDEN, `${name}.${format}.err`));
  });
});
