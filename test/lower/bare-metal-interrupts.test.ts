/**
 * A bare-metal host's `hypervisor_cores` are its housekeeping cores: they take its device interrupts
 * (interruptCores), so its own kernel-driven interfaces take their interrupts and run their stack there;
 * a DPDK interface, which takes no interrupts, polls on any of the host's cores (ownIfaceCores).
 */
import { describe, expect, it } from "vitest";
import { lowerModel } from "../../src/lower/lower.js";
import { interruptCores, ownIfaceCores } from "../../src/semantics/interrupt-cores.js";
import { modelOf } from "../helpers/check-source.js";

const bareMetal = (housekeeping: string, ifaces: string) => `host edge {
  cores = 8
  hypervisor = none
${housekeeping}  nic x520 {
    model = "intel-x520"
    pf up { }
    pf down { }
  }
${ifaces}}
`;

function lowered(text: string) {
  const result = lowerModel(modelOf(text));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.ir;
}

const cores = (ir: ReturnType<typeof lowered>) => ir.ifaces.map((f) => ({ id: f.id, irqCore: f.irqCore, stackCore: f.stackCore, queueCores: f.queueCores }));

describe("a bare-metal host's interrupt cores", () => {
  it("are its hypervisor_cores, the housekeeping cores, as they are a hypervisor host's", () => {
    const model = modelOf(bareMetal("  hypervisor_cores = [2, 5]\n", ""));
    expect(interruptCores(model.hosts[0]!)).toEqual([2, 5]);
    expect(ownIfaceCores(model.hosts[0]!, "kernel")).toEqual([2, 5]);
    expect(ownIfaceCores(model.hosts[0]!, "dpdk")).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("take the own kernel interfaces' interrupts and stack, in order, round robin; the PFs' queues too", () => {
    const ifaces = "  iface wan { attach = pf(x520.up) }\n  iface lan { attach = pf(x520.down) }\n  iface oob { attach = pf(x520.up) }\n";
    const ir = lowered(bareMetal("  hypervisor_cores = 4..5\n", ifaces));
    expect(cores(ir)).toEqual([
      { id: "edge.wan", irqCore: 4, stackCore: 4, queueCores: [4] },
      { id: "edge.lan", irqCore: 5, stackCore: 5, queueCores: [5] },
      { id: "edge.oob", irqCore: 4, stackCore: 4, queueCores: [4] },
    ]);
    expect(ir.pfs.map((p) => p.queueCore)).toEqual([4, 5]);
    expect(ir.hosts[0]!.hypervisorCores).toEqual([4, 5]);
  });

  it("left out, are core 0 alone (`0..0`)", () => {
    const ir = lowered(bareMetal("", "  iface wan { attach = pf(x520.up) }\n  iface lan { attach = pf(x520.down) }\n"));
    expect(cores(ir).map((c) => c.irqCore)).toEqual([0, 0]);
  });

  it("spread a kernel interface's queues from its own core; DPDK's over all the host's cores", () => {
    const ifaces = "  iface wan { attach = pf(x520.up)  queues = 4 }\n  iface fwd { attach = pf(x520.down)  driver = dpdk  queues = 3 }\n";
    const ir = lowered(bareMetal("  hypervisor_cores = 0..2\n", ifaces));
    expect(cores(ir)).toEqual([
      { id: "edge.wan", irqCore: 0, stackCore: 0, queueCores: [0, 1, 2, 0] },
      // Second of the host's own interfaces: core 1 of all eight, its queues on 2 and 3 after it.
      { id: "edge.fwd", irqCore: 1, stackCore: 1, queueCores: [1, 2, 3] },
    ]);
  });
});
