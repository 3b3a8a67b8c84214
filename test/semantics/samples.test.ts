import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";

const SAMPLES = fileURLToPath(new URL("../../samples/", import.meta.url));

function sampleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sampleFiles(full) : name.endsWith(".sriov") ? [full] : [];
  });
}

describe("samples", () => {
  const { workspace } = loadWorkspace(sampleFiles(SAMPLES), { cwd: SAMPLES });
  for (const program of workspace.programs) {
    it(`${program.root} resolves without structural errors`, () => {
      const { model, diagnostics } = resolveProgram(program);
      expect(diagnostics).toEqual([]);
      expect(model.hosts.length).toBeGreaterThan(0);
    });
  }

  it("nfv-numa pins each VNF on its own NUMA node, next to its NIC (the sample's comment)", () => {
    const program = workspace.programs.find((p) => p.root === "nfv-numa.sriov")!;
    const { model } = resolveProgram(program);
    const byName = new Map(model.vms.map((v) => [v.name, v]));
    expect(byName.get("vnf_a1")!.pin.cores).toEqual([2, 3]);
    expect(byName.get("router_a")!.pin.cores).toEqual([18, 19, 20, 21, 22, 23]);
    expect(byName.get("vnf_b1")!.pin.cores).toEqual([26, 27]);
    for (const vm of model.vms) {
      for (const iface of vm.ifaces) {
        if (iface.attachment.kind !== "vf") continue;
        expect(model.lookup.nics.get(model.lookup.pfs.get(iface.attachment.pf)!.nic)!.numa, iface.id).toBe(vm.numa);
      }
    }
  });
});
