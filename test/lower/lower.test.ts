/** Lowering decisions on a real source: units, cores, rates, costs, spans, descriptions. */
import { describe, expect, it } from "vitest";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import type { Ir } from "../../src/lower/ir.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";

const SOURCE = `host h1 {
  cores = 8
  freq = 3GHz
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4  itr = 50us  ring = 1024 }
    pf pf1 { }
  }
  vswitch br0 { type = ovs_dpdk  uplinks = [x710.pf1]  features = [acl, mirroring] }
  vswitch lonely { }
  iface mgmt { attach = pf(x710.pf1) }
  vm web[1..2] {
    vcpus = 1
    iface eth0 { attach = vf(x710.pf0)  description = "web tier" }
  }
  vm db {
    vcpus = 2
    pin = 6..7
    iface eth0 { attach = vswitch(br0) }
    iface eth1 { attach = vmdq(x710.pf0)  vlan = 7 }
    iface eth2 { attach = vswitch(lonely) }
  }
}
traffic bits { to = h1.web2.eth0  rate = 1Gbps  size = 500B  pattern = burst(8)  start = 1ms  stop = 9ms }
traffic mix { to = h1.db.eth1  rate = 100Kpps  size = imix }
traffic veb { from = h1.web1.eth0  to = h1.web2.eth0  rate = 10Kpps }
simulation {
  duration = 50ms
  warmup = 5ms
  seed = 3
  description = "lab run"
  cost { vm_exit = 2500cyc  feature_mirroring = 400cyc  dma_latency = 2us }
}
`;

function lower(source: string): Ir {
  const { workspace } = loadWorkspace(["<stdin>"], { stdin: source });
  const program = workspace.programs[0]!;
  const resolved = resolveProgram(program);
  expect(resolved.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const lowered = lowerModel(resolved.model);
  if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("\n"));
  const validation = validateIr(JSON.parse(JSON.stringify(lowered.ir)));
  expect(validation.ok ? [] : validation.errors).toEqual([]);
  return lowered.ir;
}

describe("lowerModel", () => {
  const ir = lower(SOURCE);
  const iface = (id: string) => ir.ifaces.find((f) => f.id === id)!;

  it("spells out replicated names and allocates VFs in source order", () => {
    expect(ir.ifaces.map((f) => f.id)).toEqual(["h1.mgmt", "h1.web1.eth0", "h1.web2.eth0", "h1.db.eth0", "h1.db.eth1", "h1.db.eth2"]);
    expect(iface("h1.web1.eth0").attachment).toEqual({ kind: "vf", pf: "h1.x710.pf0", vf: 0 });
    expect(iface("h1.web2.eth0").attachment).toEqual({ kind: "vf", pf: "h1.x710.pf0", vf: 1 });
    expect(iface("h1.db.eth1").attachment).toEqual({ kind: "vmdq", pf: "h1.x710.pf0", pool: 0 });
    expect(iface("h1.db.eth0").attachment).toEqual({ kind: "vswitch", vswitch: "h1.br0", pf: "h1.x710.pf1" });
    expect(iface("h1.db.eth2").attachment).toEqual({ kind: "vswitch", vswitch: "h1.lonely", pf: null });
  });
  it("picks cores: host queues round robin over hypervisor cores, guest work on the first pinned core", () => {
    // Host-side queues in order: pf0 → 0, pf1 → 1, lonely (no uplinks) → 0.
    expect([iface("h1.mgmt").irqCore, iface("h1.mgmt").stackCore]).toEqual([1, 1]);
    expect([iface("h1.db.eth0").irqCore, iface("h1.db.eth0").stackCore]).toEqual([1, 6]);
    expect([iface("h1.db.eth2").irqCore, iface("h1.db.eth2").stackCore]).toEqual([0, 6]);
    expect([iface("h1.db.eth1").irqCore, iface("h1.db.eth1").stackCore]).toEqual([6, 6]);
    expect(ir.vms.map((v) => [v.id, v.pin])).toEqual([
      ["h1.web1", [2]],
      ["h1.web2", [3]],
      ["h1.db", [6, 7]],
    ]);
  });
  it("converts units: ns for times, pps for bit rates (frame bits only)", () => {
    const pf0 = ir.pfs.find((p) => p.id === "h1.x710.pf0")!;
    expect([pf0.itrNs, pf0.ring, pf0.speedBps]).toEqual([50_000, 1024, 10e9]);
    const bits = ir.traffic.find((t) => t.id === "bits")!;
    expect(bits.ratePps).toBe(1e9 / (500 * 8));
    expect([bits.pattern, bits.startNs, bits.stopNs]).toEqual([{ kind: "burst", n: 8 }, 1_000_000, 9_000_000]);
    expect(ir.traffic.find((t) => t.id === "veb")!.from).toEqual({ kind: "iface", iface: "h1.web1.eth0" });
    expect([ir.simulation.durationNs, ir.simulation.warmupNs, ir.simulation.seed, ir.simulation.eventBudget]).toEqual([50_000_000, 5_000_000, 3, 50_000_000]);
  });
  it("merges the profile with the overrides", () => {
    expect(ir.costs.profile).toBe("default");
    expect(ir.costs.params.vm_exit).toBe(2500);
    expect(ir.costs.params.dma_latency).toBe(2000);
    expect(ir.costs.mirroring).toBe(400);
    expect(ir.costs.overridden).toEqual(["dma_latency", "feature.mirroring", "vm_exit"]);
    expect(ir.costs.params.irq_handler).toBe(1500);
  });
  it("keeps descriptions verbatim and source spans", () => {
    expect(iface("h1.web1.eth0").description).toBe("web tier");
    expect(ir.simulation.description).toBe("lab run");
    expect(iface("h1.mgmt").span).toEqual({ file: "<stdin>", line: 12, column: 3, endLine: 12, endColumn: 39 });
    expect(ir.traffic[0]!.span?.line).toBe(25);
  });
  it("features apply to vmdq through the uplink's vSwitch, and are only bypassed by vf", () => {
    expect(iface("h1.db.eth1").vswitch).toBeNull(); // pf0 is nobody's uplink
    expect(iface("h1.db.eth0").vswitch).toBe("h1.br0");
    expect(iface("h1.mgmt").vswitch).toBeNull();
  });
});
