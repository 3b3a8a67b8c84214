/** Lowering the deployments of issue 14: containers, drivers, queue placement, offload, vDPA, transmit, and their what-ifs. */
import { describe, expect, it } from "vitest";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import { parseWhatIf, possiblePaths, reattach, whatIfTopology, type WhatIf } from "../../src/lower/what-if.js";
import { modelOf } from "../helpers/check-source.js";

const HOST = `host h1 {
  cores = 16
  hypervisor_cores = 0..1
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 8 }
  }
  nic x710 {
    model = "intel-x710"
    pf p0 { vfs = 4 }
  }
  vswitch br-int { uplinks = [cx6.p0]  features = [vxlan]  offload = true }
  vswitch br-x { uplinks = [x710.p0]  offload = true }
  vm web {
    vcpus = 2
    iface eth0 { attach = vf(cx6.p0)  queues = 4 }
    iface eth1 { attach = vf(x710.p0) }
    iface eth2 { attach = vdpa(cx6.p0) }
  }
  container pod {
    pin = [8, 9, 10]
    iface net1 { attach = vf(cx6.p0)  driver = dpdk  queues = 2 }
  }
}
traffic in { to = h1.web.eth0  rate = 10Kpps  flows = 8 }
traffic out { from = h1.pod.net1  to = wire  rate = 10Kpps }
`;

function lower(text: string, whatIfs: WhatIf[] = []) {
  const model = modelOf(text);
  const moved = reattach(model, whatIfs);
  if (!moved.ok) throw new Error(moved.message);
  const lowered = lowerModel(whatIfTopology(model, moved));
  if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
  const valid = validateIr(JSON.parse(JSON.stringify(lowered.ir)));
  expect(valid.ok ? [] : valid.errors).toEqual([]);
  return lowered.ir;
}

describe("lowering containers, queues, offload and vDPA", () => {
  const ir = lower(HOST);
  const iface = (id: string) => ir.ifaces.find((f) => f.id === id)!;

  it("puts queue q on the VM's vCPU q, wrapping, and a container's on its cores in pin order", () => {
    expect(iface("h1.web.eth0").queueCores).toEqual([2, 3, 2, 3]);
    expect(iface("h1.pod.net1").queueCores).toEqual([8, 9]);
    expect(iface("h1.pod.net1")).toMatchObject({ vm: null, container: "h1.pod", driver: "dpdk", stackCore: 8 });
    expect(ir.containers).toEqual([expect.objectContaining({ id: "h1.pod", host: "h1", pin: [8, 9, 10], numa: 0 })]);
  });

  it("makes a VF a representor port only on an offloading vSwitch's uplink of a switchdev NIC", () => {
    // cx6 has switchdev: the upcall runs on p0's queue core; the X710 has none (offload-unsupported), so no slow path.
    expect(iface("h1.web.eth0").offload).toEqual({ vswitch: "h1.br-int", upcallCore: 0 });
    expect(iface("h1.web.eth1").offload).toBeNull();
    expect(iface("h1.web.eth2").attachment).toEqual({ kind: "vdpa", pf: "h1.cx6.p0", vf: 1 });
    expect(ir.vswitches.map((s) => [s.id, s.offload])).toEqual([
      ["h1.br-int", true],
      ["h1.br-x", true],
    ]);
  });

  it("lowers transmit traffic with its sink and every traffic with its flows", () => {
    expect(ir.traffic.map((t) => [t.id, t.from, t.to, t.flows])).toEqual([
      ["in", { kind: "wire" }, { kind: "iface", iface: "h1.web.eth0" }, 8],
      ["out", { kind: "iface", iface: "h1.pod.net1" }, { kind: "wire" }, 1],
    ]);
  });
});

describe("a host's own VF on an offloading uplink is a representor port too", () => {
  // In switchdev mode every VF of p0 has a representor, whoever uses it: the host's mgmt as much as the VM's
  // eth0 and the pod's net1. p1 is no vSwitch's uplink (legacy mode): the host's VF there is no representor.
  const ir = lower(`host h1 {
  cores = 8
  hypervisor_cores = [0, 1]
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 4 }
    pf p1 { vfs = 2 }
  }
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm web {
    pin = [4]
    iface eth0 { attach = vf(cx6.p0, 0) }
  }
  container pod {
    pin = [6]
    iface net1 { attach = vf(cx6.p0, 1) }
  }
  iface mgmt { attach = vf(cx6.p0, 2)  vlan = 10 }
  iface backup { attach = vf(cx6.p1, 0) }
}
`);

  it("sets offload for every VF of the uplink, with the PF's queue core for the slow path", () => {
    // p0's default queue is on hypervisor core 0, p1's on core 1 (the host's PFs in order).
    expect(ir.ifaces.map((f) => [f.id, f.offload])).toEqual([
      ["h1.web.eth0", { vswitch: "h1.br-int", upcallCore: 0 }],
      ["h1.pod.net1", { vswitch: "h1.br-int", upcallCore: 0 }],
      ["h1.mgmt", { vswitch: "h1.br-int", upcallCore: 0 }],
      ["h1.backup", null],
    ]);
  });

  it("lowers the host's VF with its representor port and otherwise as before (no vSwitch whose features it bypasses)", () => {
    const { span: _span, mac: _mac, ...mgmt } = ir.ifaces.find((f) => f.id === "h1.mgmt")!;
    expect(mgmt).toEqual({
      id: "h1.mgmt",
      description: undefined,
      host: "h1",
      vm: null,
      container: null,
      attachment: { kind: "vf", pf: "h1.cx6.p0", vf: 2 },
      driver: "kernel",
      queueCores: [0],
      offload: { vswitch: "h1.br-int", upcallCore: 0 },
      vswitch: null,
      vlan: 10,
      spoofchk: true,
      trust: false,
      requires: [],
      rateLimitBps: null,
      mtu: 1500,
      irqCore: 0,
      stackCore: 0,
    });
  });
});

describe("what-ifs for the new modes", () => {
  it("parses vdpa, vswitch(NAME), dpdk and kernel", () => {
    expect(parseWhatIf("h1.web.eth1=vdpa")).toEqual({ iface: "h1.web.eth1", path: "vdpa" });
    expect(parseWhatIf("h1.web.eth1=vswitch(br-int)")).toEqual({ iface: "h1.web.eth1", path: "vswitch", vswitch: "br-int" });
    expect(parseWhatIf("h1.web.eth1=dpdk")).toEqual({ iface: "h1.web.eth1", driver: "dpdk" });
    expect(parseWhatIf("h1.pod.net1=kernel")).toEqual({ iface: "h1.pod.net1", driver: "kernel" });
  });

  it("re-attaches on any vSwitch of the host, on vdpa where the NIC has it, and changes a driver", () => {
    const ir = lower(HOST, [
      { iface: "h1.web.eth1", path: "vswitch", vswitch: "br-int" },
      { iface: "h1.web.eth0", path: "vdpa" },
      { iface: "h1.pod.net1", driver: "kernel" },
    ]);
    const iface = (id: string) => ir.ifaces.find((f) => f.id === id)!;
    expect(iface("h1.web.eth1").attachment).toEqual({ kind: "vswitch", vswitch: "h1.br-int", pf: "h1.cx6.p0" });
    expect(iface("h1.web.eth0").attachment.kind).toBe("vdpa");
    expect(iface("h1.pod.net1").driver).toBe("kernel");
  });

  it("refuses vdpa on a NIC without it, vmdq or vdpa in a container, and an unknown vSwitch", () => {
    const model = modelOf(HOST);
    const fail = (whatIf: WhatIf) => {
      const moved = reattach(model, [whatIf]);
      return moved.ok ? "ok" : moved.message;
    };
    expect(fail({ iface: "h1.web.eth1", path: "vdpa" })).toBe("cannot re-attach 'h1.web.eth1' on vdpa: the intel-x710 of 'h1.x710.p0' has no vDPA");
    expect(fail({ iface: "h1.pod.net1", path: "vdpa" })).toBe("cannot re-attach 'h1.pod.net1' on vdpa: vdpa(...) needs a VM; 'h1.pod.net1' is in a container");
    expect(fail({ iface: "h1.web.eth1", path: "vswitch", vswitch: "br-nope" })).toBe("cannot re-attach 'h1.web.eth1' on vswitch(br-nope): host 'h1' has no vSwitch 'br-nope'");
  });

  it("offers vdpa for --compare only to a VM on a NIC with vDPA", () => {
    const model = modelOf(HOST);
    expect(possiblePaths(model, model.lookup.ifaces.get("h1.web.eth0")!)).toEqual(["vswitch", "vf", "vdpa"]);
    // The X710 has VMDq pools (its default), no vDPA.
    expect(possiblePaths(model, model.lookup.ifaces.get("h1.web.eth1")!)).toEqual(["vswitch", "vmdq", "vf"]);
    expect(possiblePaths(model, model.lookup.ifaces.get("h1.pod.net1")!)).toEqual(["vswitch", "vf"]);
  });
});
