import { describe, expect, it } from "vitest";
import { coreNumaNode, type Iface } from "../../src/semantics/model.js";
import { brief, resolveFixture, resolveText } from "./helpers.js";

describe("scopes and references", () => {
  it("resolves `x710.pf0` inside host h1 to h1.x710.pf0, from the innermost scope outward", () => {
    const { model, diagnostics } = resolveText(`host h1 {
  nic x710 { pf pf0 { vfs = 2 } }
  vm web {
    iface eth0 { attach = vf(x710.pf0) }
  }
}
host h2 {
  nic x710 { pf pf0 { vfs = 2 } }
  iface lan { attach = pf(x710.pf0) }
}
`);
    expect(diagnostics).toEqual([]);
    expect(model.ifaces.map((i) => [i.id, i.attachment])).toEqual([
      ["h1.web.eth0", { kind: "vf", pf: "h1.x710.pf0", slot: { kind: "allocated", index: 0 } }],
      ["h2.lan", { kind: "pf", pf: "h2.x710.pf0" }],
    ]);
    expect(model.hosts[1]!.bareIfaces.map((i) => i.owner)).toEqual([{ kind: "host" }]);
    expect(model.ifaces[0]!.owner).toEqual({ kind: "vm", vm: "h1.web" });
  });

  it("resolves traffic targets from the top scope and takes the interface's VLAN by default", () => {
    const { model, diagnostics } = resolveText(`host h1 {
  vswitch br0 { }
  vm a { iface eth0 { attach = vswitch(br0)  vlan = 100 } }
  vm b { iface eth0 { attach = vswitch(br0) } }
}
traffic t { from = h1.b.eth0  to = h1.a.eth0  rate = 1Mpps  size = imix  pattern = burst(16)  start = 5ms  stop = 0.02s }
traffic u { to = h1.a.eth0  rate = 2.5Gbps  vlan = none  pattern = poisson }
`);
    expect(diagnostics).toEqual([]);
    expect(model.traffic.map(({ spans: _spans, ...t }) => t)).toEqual([
      {
        kind: "traffic",
        id: "t",
        name: "t",
        description: null,
        template: null,
        from: { kind: "iface", iface: "h1.b.eth0" },
        to: { kind: "iface", iface: "h1.a.eth0" },
        flows: 1,
        rate: { kind: "pps", pps: 1e6 },
        window: null,
        size: { kind: "imix" },
        pattern: { kind: "burst", n: 16 },
        vlan: 100,
        startS: 0.005,
        stopS: 0.02,
      },
      {
        kind: "traffic",
        id: "u",
        name: "u",
        description: null,
        template: null,
        from: { kind: "wire" },
        to: { kind: "iface", iface: "h1.a.eth0" },
        flows: 1,
        rate: { kind: "bps", bps: 2.5e9 },
        window: null,
        size: { kind: "fixed", bytes: 64 },
        pattern: { kind: "poisson" },
        vlan: null,
        startS: 0,
        stopS: null,
      },
    ]);
  });

  it("leaves out traffic whose target was left out, without a second error", () => {
    const { model, diagnostics } = resolveText("host h1 {\n  vm a { iface eth0 { } }\n}\ntraffic t { to = h1.a.eth0  rate = 1pps }\n");
    expect(diagnostics.map((d) => d.rule)).toEqual(["missing-attribute"]);
    expect(model.traffic).toEqual([]);
  });
});

describe("templates", () => {
  it("start from the template's attributes and blocks; own attributes override; same-named blocks merge", () => {
    const { model, diagnostics } = resolveText(`template vm base {
  description = "base VM"
  vcpus = 4
  memory = 8GiB
  iface mgmt { attach = vswitch(br0)  vlan = 10 }
}
host h1 {
  vswitch br0 { }
  vm a : base {
    vcpus = 2
    iface mgmt { vlan = 20 }
    iface data { attach = vswitch(br0) }
  }
}
`);
    expect(diagnostics).toEqual([]);
    const vm = model.vms[0]!;
    expect([vm.vcpus, vm.memoryBytes, vm.description, vm.template]).toEqual([2, 8 * 1024 ** 3, "base VM", "base"]);
    expect(vm.ifaces.map((i) => [i.name, i.vlan, i.attachment.kind])).toEqual([
      ["mgmt", 20, "vswitch"],
      ["data", null, "vswitch"],
    ]);
    // The inherited attribute points into the template; the overriding one into the block.
    expect(vm.spans.attrs["memory"]?.line).toBe(4);
    expect(vm.spans.attrs["vcpus"]?.line).toBe(10);
    expect(model.templates).toEqual([
      { name: "base", kind: "vm", description: "base VM", span: expect.objectContaining({ line: 1, column: 13 }), usedBy: ["h1.a"] },
    ]);
  });

  it("report a value that is wrong wherever it is used in a template no block uses, once, at the value", () => {
    const { diagnostics } = resolveText(`template vm small {
  vcpus = 99x
  pin = [3, 2000]
  memory = 4Gbps
  iface eth0 { attach = vf(x710.pf0)  vlan = 5000  requires = [acl, acl] }
}
template pf fast { speed = 10GHz  vfs = 8 }
template iface data { queues = 0 }
template host big { cores = 4  numa_nodes = 8  vm v { vcpus = 0 } }
template traffic burst { to = h1.v.eth0  size = 9000  pattern = sometimes }
template vm used { vcpus = 0 }
host h1 {
  nic x710 { pf pf0 { vfs = 4 } }
  vm a : used { iface eth0 { attach = vf(x710.pf0) } }
  vm b : used { iface eth0 { attach = vf(x710.pf0) } }
}
`);
    // Not the reference out of the template (x710 is whatever the using host calls so), nor cores it may
    // have (2000), nor \`attach\` left to the block (data): those depend on where the template is used.
    expect(brief(diagnostics)).toEqual([
      "11:28 invalid-value: `vcpus` must be from 1 to 4096, found 0",
      "2:11 invalid-value: `vcpus` expects an integer from 1 to 4096, found `99x` (unknown unit `x`)",
      "4:12 invalid-value: `memory` expects a size, found the bit rate `4Gbps` | help: did you mean `4GB`?",
      "5:69 duplicate-list-item: `acl` is already in `requires`: the second is ignored | help: remove it, or write the item that was meant",
      "5:46 invalid-value: `vlan` must be from 0 to 4094, found 5000",
      "7:28 invalid-value: `speed` expects a bit rate, found the frequency `10GHz` | help: did you mean `10Gbps`?",
      "8:32 invalid-value: `queues` must be from 1 to 256, found 0",
      "9:45 invalid-value: host `big` has 4 cores, so it cannot have 8 NUMA nodes | help: each NUMA node needs at least one core",
      "9:63 invalid-value: `vcpus` must be from 1 to 4096, found 0",
      "10:49 invalid-value: `size` expects a size, found the plain number 9000 | help: add a unit: `9000B`",
      "10:65 invalid-value: `sometimes` is not a valid `pattern`: expected `constant`, `poisson` or `burst(n)`",
    ]);
  });
});

describe("replication", () => {
  it("spells out inclusive ranges with canonical ids", () => {
    const { model } = resolveText("host h1 {\n  cores = 64\n  vm web[8..11] { vcpus = 1 }\n}\n");
    expect(model.vms.map((v) => v.id)).toEqual(["h1.web8", "h1.web9", "h1.web10", "h1.web11"]);
    expect(model.vms[0]!.spans.name).toMatchObject({ line: 3, column: 6, endColumn: 16 });
  });

  it("keeps zero-padded bounds' width, as bash's brace expansion does (web[01..03] is web01 … web03)", () => {
    const ids = (range: string): string[] => resolveText(`host h1 {\n  cores = 64\n  vm web${range} { vcpus = 1 }\n}\n`).model.vms.map((v) => v.id);
    expect(ids("[01..03]")).toEqual(["h1.web01", "h1.web02", "h1.web03"]);
    expect(ids("[08..10]")).toEqual(["h1.web08", "h1.web09", "h1.web10"]);
    // The wider bound gives the width, whichever has the leading zero.
    expect(ids("[1..003]")).toEqual(["h1.web001", "h1.web002", "h1.web003"]);
    expect(ids("[098..100]")).toEqual(["h1.web098", "h1.web099", "h1.web100"]);
    // A lone 0 is no padding: web[0..2] is web0, web1, web2.
    expect(ids("[0..2]")).toEqual(["h1.web0", "h1.web1", "h1.web2"]);
    const { diagnostics } = resolveText("host h1 {\n  cores = 64\n  nic x { pf p { vfs = 4 } }\n  vm web[01..02] { vcpus = 1  iface e { attach = vf(x.p) } }\n}\ntraffic t { to = h1.web02.e  rate = 1Mpps }\n");
    expect(diagnostics).toEqual([]);
  });

  it("accepts exactly 4096 names", () => {
    const { model, diagnostics } = resolveText("host h1 {\n  cores = 8192\n  vm v[1..4096] { vcpus = 1 }\n}\n");
    expect(diagnostics).toEqual([]);
    expect(model.vms.length).toBe(4096);
  });
});

describe("imports", () => {
  it("expands imported files first, shares templates and the top scope across files", () => {
    const { model, diagnostics, loadDiagnostics } = resolveFixture("imports/main.sriov");
    expect(loadDiagnostics).toEqual([]);
    expect(diagnostics).toEqual([]);
    expect(model.files).toEqual(["imports/lib.sriov", "imports/main.sriov"]);
    expect(model.hosts.map((h) => h.id)).toEqual(["h1", "h2"]);
    expect(model.vms.map((v) => [v.id, v.vcpus, v.description])).toEqual([
      ["h1.app", 3, "from the library"],
      ["h2.web1", 3, "from the library"],
      ["h2.web2", 3, "from the library"],
    ]);
    expect(model.traffic[0]!.to).toEqual({ kind: "iface", iface: "h1.app.eth0" });
    expect(model.templates[0]!.usedBy).toEqual(["h1.app", "h2.web1", "h2.web2"]);
  });

  it("reports a clash between files as duplicate-name with both locations", () => {
    const { diagnostics } = resolveFixture("imports/clash.sriov");
    expect(diagnostics.map((d) => [d.rule, d.span.file, d.span.line, d.message, d.related.map((r) => `${r.span.file}:${r.span.line}`)])).toEqual([
      ["duplicate-name", "imports/clash.sriov", 3, "`h1` is already declared at the top level", ["imports/lib.sriov:6"]],
    ]);
  });
});

describe("allocation", () => {
  it("gives vf(p) the lowest free VF in source order, around explicit indices reserved first", () => {
    const { model } = resolveText(`host h1 {
  nic n { pf p { vfs = 4 } }
  vm a { iface e { attach = vf(n.p) } }
  vm b { iface e { attach = vf(n.p) } }
  vm c { iface e { attach = vf(n.p, 1) } }
  vm d { iface e { attach = vf(n.p) } }
  vm f { iface e { attach = vf(n.p) } }
}
`);
    const slots = model.ifaces.map((i) => (i.attachment.kind === "vf" ? i.attachment.slot : null));
    expect(slots).toEqual([
      { kind: "allocated", index: 0 },
      { kind: "allocated", index: 2 },
      { kind: "explicit", index: 1 },
      { kind: "allocated", index: 3 },
      { kind: "exhausted", requested: 4 },
    ]);
    expect(model.pfs[0]!.vfUsers.map((u) => u.iface)).toEqual(["h1.a.e", "h1.b.e", "h1.c.e", "h1.d.e", "h1.f.e"]);
  });

  it("gives vmdq(p) the next pool and null when none is left", () => {
    const { model } = resolveText(`host h1 {
  nic n { pf p { vmdq_pools = 1 } }
  vm a { iface e { attach = vmdq(n.p) } }
  vm b { iface e { attach = vmdq(n.p) } }
}
`);
    expect(model.pfs[0]!.vmdqUsers).toEqual([
      { iface: "h1.a.e", pool: 0 },
      { iface: "h1.b.e", pool: null },
    ]);
  });

  it("pins VMs without `pin` to the next free non-hypervisor cores, in source order", () => {
    const { model } = resolveText(`host h1 {
  cores = 8
  numa_nodes = 2
  hypervisor_cores = [0, 4]
  vm a { vcpus = 2 }
  vm b { vcpus = 2  pin = 2..3 }
  vm c { vcpus = 3 }
  vm d { vcpus = 2 }
}
`);
    expect(model.vms.map((v) => [v.name, v.pin, v.numa])).toEqual([
      ["a", { kind: "allocated", cores: [1, 5], shared: false }, 0],
      ["b", { kind: "explicit", cores: [2, 3] }, 0],
      ["c", { kind: "allocated", cores: [1, 6, 7], shared: true }, 0],
      ["d", { kind: "allocated", cores: [2, 3], shared: true }, 0],
    ]);
  });

  it("derives auto MACs that are locally administered, unicast and stable", () => {
    const text = "host h1 {\n  vswitch s { }\n  vm a { iface e { attach = vswitch(s) } }\n  vm b { iface e { attach = vswitch(s)  mac = 52:54:00:AA:00:01 } }\n}\n";
    const first = resolveText(text).model.ifaces;
    const again = resolveText(`host h0 { }\n${text}`).model.ifaces;
    expect(first[0]!.mac.kind).toBe("auto");
    expect(first[0]!.mac.address).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(again[0]!.mac).toEqual(first[0]!.mac);
    expect(first[1]!.mac).toEqual({ kind: "explicit", address: "52:54:00:aa:00:01" });
  });
});

describe("defaults", () => {
  it("fills LANGUAGE.md defaults and the catalogue's per-model figures", () => {
    const { model, diagnostics } = resolveText(`host h1 {
  nic cx { model = "nvidia-cx5"  pf p0 { } }
  nic g { pf p0 { mtu = 9000 } }
  vm v { iface e { attach = vf(cx.p0) } }
  iface bare { attach = pf(g.p0) }
}
simulation { duration = 50ms }
`);
    expect(diagnostics).toEqual([]);
    const host = model.hosts[0]!;
    expect([host.cores, host.freqHz, host.numaNodes, host.hypervisor, host.hypervisorCores, host.iommu, host.postedInterrupts, host.overcommit]).toEqual([
      16,
      2.5e9,
      1,
      "kvm",
      [0],
      true,
      true,
      1,
    ]);
    const [cx, generic] = model.pfs;
    expect([cx!.speedBps, cx!.maxVfs, cx!.vfs, cx!.vmdqPools, cx!.itrS, cx!.ring, cx!.mtu, cx!.pci]).toEqual([25e9, 127, 0, 0, model.nics[0]!.model.defaultItrS, 512, 1500, null]);
    // `itr` left out: the driver's default, which is its adaptive moderation where the catalogue has one.
    expect(model.nics[0]!.model.defaultItrS).toBeGreaterThan(0);
    expect([cx!.itrAdaptive, generic!.itrAdaptive, generic!.itrS]).toEqual([true, false, 0]);
    expect(model.nics[1]!.model.id).toBe("generic");
    expect(generic!.maxVfs).toBe(model.nics[1]!.model.maxVfsPerPf);
    const vm = model.vms[0]!;
    expect([vm.vcpus, vm.memoryBytes, vm.liveMigration, vm.pin]).toEqual([2, 4 * 1024 ** 3, false, { kind: "allocated", cores: [1, 2], shared: false }]);
    const [vf, bare] = model.ifaces as [Iface, Iface];
    expect([vf.vlan, vf.spoofchk, vf.trust, vf.requires, vf.rateLimitBps, vf.mtu]).toEqual([null, true, false, [], null, 1500]);
    expect(bare.mtu).toBe(9000);
    expect(model.simulation).toMatchObject({ durationS: 0.05, warmupS: 0.005, seed: 1, profile: "default", costOverrides: [] });
    // An attribute left out has no span; one written has the span of its value.
    expect(cx!.spans.attrs["speed"]).toBeUndefined();
    expect(generic!.spans.attrs["mtu"]).toMatchObject({ line: 3, column: 25 });
  });

  it("converts quantities to canonical units", () => {
    const { model, diagnostics } = resolveText(`host h1 {
  freq = 2.4GHz
  overcommit = 150%
  nic n { pf p { speed = 25Gbps  itr = 50us } }
  vm v { memory = 512MiB  iface e { attach = vf(n.p)  rate_limit = 100Mbps } }
}
simulation {
  cost { vm_exit = 3Kcyc  dma_latency = 1.5us  wire_overhead = 24B  napi_budget = 32 }
}
`);
    expect(diagnostics).toEqual([]);
    expect([model.hosts[0]!.freqHz, model.hosts[0]!.overcommit, model.pfs[0]!.speedBps, model.pfs[0]!.itrS]).toEqual([2.4e9, 1.5, 25e9, 50e-6]);
    expect([model.vms[0]!.memoryBytes, model.ifaces[0]!.rateLimitBps]).toEqual([512 * 1024 ** 2, 1e8]);
    expect(model.simulation!.costOverrides.map((o) => [o.param, o.value])).toEqual([
      ["vm_exit", 3000],
      ["dma_latency", 1500],
      ["wire_overhead", 24],
      ["napi_budget", 32],
    ]);
  });

  it("carries `description` of every block into the model", () => {
    const { model } = resolveText(`host h1 {
  description = "host \\"one\\""
  nic n { description = "nic"  pf p { description = "pf" } }
  vswitch s { description = "sw" }
  vm v { description = "vm"  iface e { attach = vswitch(s)  description = "if" } }
}
traffic t { description = "tr"  to = h1.v.e  rate = 1pps }
simulation { description = "sim" }
`);
    expect([
      model.hosts[0]!.description,
      model.nics[0]!.description,
      model.pfs[0]!.description,
      model.vswitches[0]!.description,
      model.vms[0]!.description,
      model.ifaces[0]!.description,
      model.traffic[0]!.description,
      model.simulation!.description,
    ]).toEqual(['host "one"', "nic", "pf", "sw", "vm", "if", "tr", "sim"]);
  });

  it("splits cores evenly over NUMA nodes, in order", () => {
    expect([0, 11, 12, 23, 24, 47].map((c) => coreNumaNode({ cores: 48, numaNodes: 2 }, c))).toEqual([0, 0, 0, 0, 1, 1]);
    expect([0, 5, 6, 9].map((c) => coreNumaNode({ cores: 10, numaNodes: 3 }, c))).toEqual([0, 1, 1, 2]);
  });
});

describe("lookup and flat views", () => {
  it("indexes every entity by id, with PFs, VMs and interfaces in expansion order", () => {
    const { model } = resolveText(`host h1 {
  nic n { pf p0 { } pf p1 { } }
  vswitch s { uplinks = [n.p1]  features = [acl, qos] }
  iface mgmt { attach = pf(n.p0) }
  vm v { iface e { attach = vswitch(s) } }
}
`);
    expect(model.pfs.map((p) => p.id)).toEqual(["h1.n.p0", "h1.n.p1"]);
    expect(model.vswitches[0]).toMatchObject({ uplinks: ["h1.n.p1"], features: ["acl", "qos"] });
    expect(model.vswitches[0]!.spans.items["uplinks"]?.map((s) => s.column)).toEqual([26]);
    expect(model.ifaces.map((i) => i.id)).toEqual(["h1.mgmt", "h1.v.e"]);
    expect(model.lookup.ifaces.get("h1.v.e")?.mtu).toBe(1500);
    expect(model.lookup.pfs.get("h1.n.p1")?.nic).toBe("h1.n");
    expect(model.lookup.vms.get("h1.v")?.host).toBe("h1");
    expect(model.lookup.vswitchByUplink.get("h1.n.p1")?.id).toBe("h1.s");
    expect(model.lookup.vswitchByUplink.has("h1.n.p0")).toBe(false);
  });

  it("refuses a PF as the uplink of a second vSwitch: a port is enslaved to one switch", () => {
    const { model, diagnostics } = resolveText(`host h1 {
  nic n { pf p0 { } }
  vswitch br1 { uplinks = [n.p0] }
  vswitch br2 { uplinks = [n.p0]  type = linux_bridge }
}
`);
    expect(diagnostics.map((d) => [d.rule, d.span.line, d.span.column, d.message, d.help])).toEqual([
      ["invalid-value", 4, 28, "`n.p0` is already an uplink of vSwitch `br1`: a port can be in one switch only", "give `br2` a PF of its own, or attach its interfaces to `br1`"],
    ]);
    expect(model.vswitches.map((v) => v.uplinks)).toEqual([["h1.n.p0"], []]);
  });
});
