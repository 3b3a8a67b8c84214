/**
 * For every sample that checks without errors: the PFs the emitters put in switchdev mode (netplan's
 * `embedded-switch-mode`, the operator's `eSwitchMode`) are exactly those the IR marks `switchdev: true`,
 * and those are exactly the PFs src/semantics/switchdev.ts decides are in switchdev mode.
 */
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { kernelNames } from "../../src/interop/emit/common.js";
import { emitK8s } from "../../src/interop/emit/k8s.js";
import { emitNetplan } from "../../src/interop/emit/netplan.js";
import { HOSTNAME_LABEL } from "../../src/interop/k8s/objects.js";
import type { Ir } from "../../src/lower/ir.js";
import { eswitchMode } from "../../src/semantics/switchdev.js";
import { cleanSamples, modelOfFile, SAMPLES, yamlObjects } from "./support.js";

const samples = cleanSamples();

/** The PFs (by id) with `switchdev: true` in the IR. */
const marked = (ir: Ir): string[] => ir.pfs.filter((pf) => pf.switchdev === true).map((pf) => pf.id);

/** PF id → the mode netplan writes for it (`embedded-switch-mode`), for each PF it writes. */
function netplanModes(ir: Ir): Map<string, string> {
  const kernel = kernelNames(ir.pfs);
  const out = new Map<string, string>();
  for (const file of emitNetplan(ir).files) {
    const host = file.path.split("/")[0]!;
    const ethernets = (parse(file.text) as { network: { ethernets: Record<string, { "embedded-switch-mode"?: string }> } }).network.ethernets;
    for (const pf of ir.pfs) {
      const mode = pf.host === host ? ethernets[kernel.get(pf.id)!]?.["embedded-switch-mode"] : undefined;
      if (mode !== undefined) out.set(pf.id, mode);
    }
  }
  return out;
}

/** PF id → the `eSwitchMode` of each of its SriovNetworkNodePolicies (`legacy` where it leaves it out, the operator's default). */
function operatorModes(ir: Ir): Map<string, string[]> {
  const kernel = kernelNames(ir.pfs);
  const nodeOf = new Map(ir.hosts.map((h) => [h.id, h.node ?? h.id]));
  const byName = new Map(ir.pfs.map((pf) => [`${nodeOf.get(pf.host)} ${kernel.get(pf.id)}`, pf.id]));
  const out = new Map<string, string[]>();
  for (const file of emitK8s(ir).files)
    for (const object of yamlObjects(file.text)) {
      if (object["kind"] !== "SriovNetworkNodePolicy") continue;
      const spec = object["spec"] as { nodeSelector: Record<string, string>; nicSelector: { pfNames: string[] }; eSwitchMode?: string };
      const pf = byName.get(`${spec.nodeSelector[HOSTNAME_LABEL]} ${spec.nicSelector.pfNames[0]!.split("#")[0]}`);
      if (pf === undefined) throw new Error(`a policy for no PF of the IR: ${JSON.stringify(spec)}`);
      out.set(pf, [...(out.get(pf) ?? []), spec.eSwitchMode ?? "legacy"]);
    }
  return out;
}

describe("every sample: the emitters' switchdev PFs are the IR's, and the IR's are the decision's", () => {
  it("the property is not empty: samples with PFs in switchdev mode, and policies of them", () => {
    expect(samples.filter(({ ir }) => marked(ir).length > 0).map(({ file }) => file)).toEqual(expect.arrayContaining(["k8s-switchdev.sriov", "switchdev-offload.sriov", "vdpa-migration.sriov"]));
    expect(samples.some(({ ir }) => [...operatorModes(ir).values()].some((modes) => modes.includes("switchdev")))).toBe(true);
  });

  it.each(samples.map(({ file, ir }) => [file, ir] as const))("%s", (file, ir) => {
    const switchdev = new Set(marked(ir));
    // The IR carries the decision.
    const model = modelOfFile(path.join(SAMPLES, file), SAMPLES)!;
    expect(model.pfs.filter((pf) => eswitchMode(model, pf.id) === "switchdev").map((pf) => pf.id)).toEqual([...switchdev]);
    // netplan: every PF with VFs, switchdev exactly where the IR says.
    const netplan = netplanModes(ir);
    expect([...netplan.keys()].sort()).toEqual(ir.pfs.filter((pf) => pf.vfs > 0).map((pf) => pf.id).sort());
    for (const [pf, mode] of netplan) expect(`${pf} ${mode}`).toBe(`${pf} ${switchdev.has(pf) ? "switchdev" : "legacy"}`);
    // The operator: every policy of a PF says its mode.
    for (const [pf, modes] of operatorModes(ir)) expect(`${pf} ${[...new Set(modes)].join(",")}`).toBe(`${pf} ${switchdev.has(pf) ? "switchdev" : "legacy"}`);
  });
});
