import { describe, expect, it } from "vitest";
import { brief, resolveText } from "./helpers.js";

describe("containers, drivers, queues, transmit, offload and vDPA", () => {
  it("reads a container: its interfaces, its own core (one, allocated after the VMs before it), driver and queues", () => {
    const { model, diagnostics } = resolveText(`host h {
  cores = 8
  hypervisor_cores = 0..1
  nic x { model = "intel-e810"  pf p { vfs = 4 } }
  vm v { vcpus = 2  iface e { attach = vf(x.p) } }
  container web[1..2] { iface net1 { attach = vf(x.p)  queues = 2 } }
  container dp { pin = [6, 7]  iface net1 { attach = vf(x.p, 3)  driver = dpdk } }
}
`);
    expect(brief(diagnostics)).toEqual([]);
    expect(model.containers.map((c) => [c.id, c.pin])).toEqual([
      ["h.web1", { kind: "allocated", cores: [4], shared: false }],
      ["h.web2", { kind: "allocated", cores: [5], shared: false }],
      ["h.dp", { kind: "explicit", cores: [6, 7] }],
    ]);
    expect(model.hosts[0]!.containers.map((c) => c.ifaces.map((i) => i.id))).toEqual([["h.web1.net1"], ["h.web2.net1"], ["h.dp.net1"]]);
    const web1 = model.lookup.ifaces.get("h.web1.net1")!;
    expect([web1.owner, web1.driver, web1.queues]).toEqual([{ kind: "container", container: "h.web1" }, "kernel", 2]);
    expect(model.lookup.ifaces.get("h.dp.net1")!.driver).toBe("dpdk");
    // VFs in source order, the explicit index reserved first.
    expect(model.pfs[0]!.vfUsers.map((u) => [u.iface, u.slot, u.mode])).toEqual([
      ["h.v.e", { kind: "allocated", index: 0 }, "vf"],
      ["h.web1.net1", { kind: "allocated", index: 1 }, "vf"],
      ["h.web2.net1", { kind: "allocated", index: 2 }, "vf"],
      ["h.dp.net1", { kind: "explicit", index: 3 }, "vf"],
    ]);
  });

  it("allows containers on a bare-metal host (a Kubernetes worker)", () => {
    const { model, diagnostics } = resolveText(`host w {
  hypervisor = none
  nic x { pf p { vfs = 2 } }
  container pod { iface net1 { attach = vf(x.p) } }
}
`);
    expect(brief(diagnostics)).toEqual([]);
    expect(model.containers[0]!.pin.cores).toEqual([1]);
  });

  it("refuses vmdq(...) in a container and vdpa(...) outside a VM, with help", () => {
    const text = `host h {
  nic x { pf p { vfs = 2 } }
  container c {
    iface a { attach = vmdq(x.p) }
    iface b { attach = vdpa(x.p) }
  }
}
`;
    expect(brief(resolveText(text).diagnostics)).toEqual([
      "4:24 invalid-value: `vmdq(...)` needs a VMM to copy into a guest; interface `a` is in a container | help: use `vf(...)` (SR-IOV CNI: the VF in the container's namespace) or `vswitch(...)` (a veth into the vSwitch)",
      "5:24 invalid-value: `vdpa(...)` is modelled for VMs only (vhost-vdpa, a virtio device in the guest); interface `b` is in a container, and a vDPA device outside a VM (virtio-vdpa, or vhost-vdpa for DPDK's virtio-user) is not modelled | help: use `vf(...)` on the same PF: its path (the NIC writes into the interface's buffers, the host kernel's driver, no copy) is the nearest that is modelled",
    ]);
  });

  it("reads vdpa(pf[, i]) as one VF of the PF, counted with the vf(...) users", () => {
    const { model, diagnostics } = resolveText(`host h {
  nic x { model = "nvidia-cx6"  pf p { vfs = 2 } }
  vm a { iface e { attach = vdpa(x.p) } }
  vm b { iface e { attach = vf(x.p) } }
  vm c { iface e { attach = vdpa(x.p, 1, 2) } }
}
`);
    expect(brief(diagnostics)).toEqual(["5:29 invalid-value: `vdpa(...)` takes one or two arguments, found 3 | help: write `vdpa(<pf>)` or `vdpa(<pf>, <index>)`"]);
    expect(model.ifaces.map((i) => [i.id, i.attachment])).toEqual([
      ["h.a.e", { kind: "vdpa", pf: "h.x.p", slot: { kind: "allocated", index: 0 } }],
      ["h.b.e", { kind: "vf", pf: "h.x.p", slot: { kind: "allocated", index: 1 } }],
    ]);
  });

  it("reads transmit traffic (to = wire) and flows, and refuses wire to wire", () => {
    const { model, diagnostics } = resolveText(`host h {
  nic x { pf p { vfs = 2 } }
  vm a { iface e { attach = vf(x.p)  vlan = 7 } }
}
traffic tx { from = h.a.e  to = wire  rate = 1Mpps  flows = 64 }
traffic rx { to = h.a.e  rate = 1Mpps }
traffic nowhere { to = wire  rate = 1Mpps }
`);
    expect(brief(diagnostics)).toEqual([
      "7:24 invalid-value: traffic `nowhere` goes from the wire to the wire: it never touches the host | help: name the receiving interface in `to`, or the sending one in `from` (transmit)",
    ]);
    expect(model.traffic.map((t) => [t.id, t.from, t.to, t.flows, t.vlan])).toEqual([
      ["tx", { kind: "iface", iface: "h.a.e" }, { kind: "wire" }, 64, 7],
      ["rx", { kind: "wire" }, { kind: "iface", iface: "h.a.e" }, 1, 7],
    ]);
  });

  it("reads offload on a vSwitch (default false) and checks the types of the new attributes", () => {
    const { model, diagnostics } = resolveText(`host h {
  nic x { pf p { vfs = 2 } }
  vswitch br-int { uplinks = [x.p]  offload = true }
  vswitch br-ex { }
  vm a { iface e { attach = vf(x.p)  driver = pmd  queues = 0 } }
}
traffic t { to = h.a.e  rate = 1Mpps  flows = 0 }
`);
    expect(model.vswitches.map((s) => [s.id, s.offload])).toEqual([
      ["h.br-int", true],
      ["h.br-ex", false],
    ]);
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["5:47 invalid-value", "5:61 invalid-value", "7:47 invalid-value"]);
  });
});

describe("transmit through a vSwitch", () => {
  it("refuses to = wire from a vSwitch without uplinks", () => {
    const { diagnostics } = resolveText(`host h {
  vswitch br0 { }
  vm a { iface e { attach = vswitch(br0) } }
}
traffic out { from = h.a.e  to = wire  rate = 1Mpps }
`);
    expect(brief(diagnostics)).toEqual([
      "5:34 invalid-value: traffic `out` goes out to the wire from `e`, but its vSwitch has no uplink to the wire | help: add a PF to the vSwitch's `uplinks`, or send to an interface",
    ]);
  });
});
