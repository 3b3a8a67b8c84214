import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_RING_DESCRIPTORS } from "../../src/semantics/model.js";
import { REPO } from "../helpers/cli.js";
import { errorLines, reportsOf, spanOf, type Where } from "./spans.js";

const FILE = "example.sriov";

/** An expected `invalid-value` report: where, what, and the fix when there is one. */
const finding = (where: Where, message: string, help?: string) => ({ file: FILE, ...where, message, ...(help === undefined ? {} : { help }), related: [] });

const invalid = (text: string) => reportsOf("invalid-value", text);

const NIC = `
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }`;

describe("invalid-value: quantities and units", () => {
  it("refuses a number too large for double precision instead of passing Infinity on (the simulator would crash on it)", () => {
    const huge = "9".repeat(310);
    const text = `host h1 {\n  nic n {\n    pf p {\n      speed = ${huge}Tbps\n      vfs = ${huge}\n    }\n  }\n}\n`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, `${huge}Tbps`), "`speed` is too large to be a number: 999999999999…9999Tbps (314 characters)", "write a realistic value"),
      finding({ line: 5, column: 13, endLine: 5, endColumn: 13 + huge.length }, "`vfs` is too large to be a number: 999999999999…99999999 (310 characters)", "write a realistic value"),
    ]);
  });

  it("bounds a quantity as written, not as rounded to 12 digits: 9007199254740993bps is over 2^53 − 1", () => {
    const over = "host h1 {\n  nic n {\n    pf p { speed = 9007199254740993bps }\n  }\n}\n";
    expect(invalid(over)).toEqual([finding(spanOf(over, "9007199254740993bps"), "`speed` is too large: 9007199254740993bps is over 9007199254740991 bps", "write a realistic value")]);
    expect(invalid(over.replace("993bps", "991bps"))).toEqual([]);
  });

  it("suggests the unit of the right dimension for a near miss (`10GB` → `10Gbps`)", () => {
    const text = "host h1 {\n  nic n {\n    pf p { speed = 10GB }\n  }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "10GB"), "`speed` expects a bit rate, found the size `10GB`", "did you mean `10Gbps`?")]);
  });

  it("reports an unknown unit with the nearest right one", () => {
    const text = "host h1 {\n  nic n {\n    pf p { speed = 10Gbit }\n  }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "10Gbit"), "unknown unit `Gbit` in `speed`: it expects a bit rate", "did you mean `10Gbps`?")]);
  });

  it("lists the units of the dimension when no unit is near", () => {
    const text = "simulation {\n  cost { wire_overhead = 24cyc }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "24cyc"), "`wire_overhead` expects a size, found the amount of work `24cyc`", "use one of `B`, `kB`, `MB`, `GB`, `KiB`, `MiB` or `GiB`"),
    ]);
  });

  it("asks for a unit on a plain number where a quantity is expected, with the usual unit", () => {
    const text = `host h1 {
  freq = 3
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h1.v.e  rate = 5  start = 1 }
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "3"), "`freq` expects a frequency, found the plain number 3", "add a unit: `3GHz`"),
      finding(spanOf(text, "5 ", 0, 1), "`rate` expects a packet rate or a bit rate, found the plain number 5", "add a unit: `5kpps`"),
      finding(spanOf(text, "1 }", 0, 1), "`start` expects a duration, found the plain number 1", "add a unit: `1us`"),
    ]);
  });

  it("accepts a plain 0 for a duration", () => {
    expect(invalid("host h1 {\n  nic n {\n    pf p { itr = 0 }\n  }\n}\n")).toEqual([]);
  });

  it("reads a bare ratio as a fraction in its help", () => {
    const text = "host h1 {\n  overcommit = 1.5\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "1.5"), "`overcommit` expects a ratio, found the plain number 1.5", "write it as a percentage: `150%`")]);
  });

  it("asks for the number alone where a count is written in bytes", () => {
    const text = "host h1 {\n  nic n {\n    pf p { mtu = 9000B }\n  }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "9000B"), "`mtu` expects an integer from 68 to 9216, found the size `9000B`", "write the number alone: `9000`")]);
  });

  it("bounds a receive ring at 65536 descriptors, the PF's `ring` and the cost `guest_ring` alike (simulate crashed allocating 2^53 of them)", () => {
    const text = "host h1 {\n  nic n {\n    pf p { ring = 65537 }\n  }\n}\nsimulation {\n  cost { guest_ring = 9007199254740991 }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "65537"), "`ring` must be from 1 to 65536, found 65537"),
      finding(spanOf(text, "9007199254740991"), "`guest_ring` must be from 0 to 65536, found 9007199254740991"),
    ]);
    expect(invalid("host h1 {\n  nic n {\n    pf p { ring = 65536 }\n  }\n}\nsimulation {\n  cost { guest_ring = 4096 }\n}\n")).toEqual([]);
    // An IR file is held to the same bound (schema/ir.schema.json).
    const schema = JSON.parse(readFileSync(path.join(REPO, "schema/ir.schema.json"), "utf8"));
    expect([schema.properties.pfs.items.properties.ring.maximum, schema.properties.costs.properties.params.properties.guest_ring.maximum]).toEqual([MAX_RING_DESCRIPTORS, MAX_RING_DESCRIPTORS]);
  });

  it("refuses a quantity for a cost parameter that is a plain count", () => {
    const text = "simulation {\n  cost { napi_budget = 3cyc }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "3cyc"), "`napi_budget` expects a plain number, found the amount of work `3cyc`")]);
  });
});

describe("invalid-value: wrong types", () => {
  it("names the kind of value found", () => {
    const text = `host h1 {
  cores = [4]
  numa_nodes = 1..2
  iommu = auto
  hypervisor = "kvm"
  freq = true
  nic n { numa = 52:54:00:00:00:01  pf p { mtu = 0000:3b:00.0  speed = vf(x) } }
  vm v { vcpus = 10Gbps  memory = xyz }
}
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "[4]"), "`cores` expects an integer from 1 to 1048576, found the list `[4]`"),
      finding(spanOf(text, "1..2"), "`numa_nodes` expects an integer ≥ 1, found the range `1..2`"),
      finding(spanOf(text, "auto"), "`iommu` expects `true` or `false`, found `auto`"),
      finding(spanOf(text, '"kvm"'), '`hypervisor` expects one of `kvm`, `esxi`, `hyperv` or `none`, found the string `"kvm"`', "write it without quotes: `kvm`"),
      finding(spanOf(text, "true"), "`freq` expects a frequency, found `true`"),
      finding(spanOf(text, "52:54:00:00:00:01"), "`numa` expects an integer ≥ 0, found the MAC address `52:54:00:00:00:01`"),
      finding(spanOf(text, "0000:3b:00.0"), "`mtu` expects an integer from 68 to 9216, found the PCI address `0000:3b:00.0`"),
      finding(spanOf(text, "vf(x)"), "`speed` expects a bit rate, found `vf(x)`"),
      finding(spanOf(text, "10Gbps"), "`vcpus` expects an integer from 1 to 4096, found the bit rate `10Gbps`"),
      finding(spanOf(text, "xyz"), "`memory` expects a size, found `xyz`"),
    ]);
  });
});

describe("invalid-value: ranges", () => {
  it("reports an integer out of range", () => {
    const text = `host h1 {
  numa_nodes = 0
  vswitch sw { }
  vm v {
    iface e {
      attach = vswitch(sw)
      vlan = 5000
    }
  }
}
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "0"), "`numa_nodes` must be at least 1, found 0"),
      finding(spanOf(text, "5000"), "`vlan` must be from 0 to 4094, found 5000"),
    ]);
  });

  it("asks for a whole number", () => {
    const text = "host h1 {\n  cores = 4.5\n}\nsimulation { seed = 1.5 }\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "4.5"), "`cores` expects an integer from 1 to 1048576, found the number `4.5`", "use a whole number, such as `5`"),
      finding(spanOf(text, "1.5"), "`seed` expects an integer from 0 to 4294967295, found the number `1.5`", "use a whole number, such as `2`"),
    ]);
  });

  it("wants rates and sizes above zero", () => {
    const text = `host h1 {
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h1.v.e  rate = 0pps  size = 0B }
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "0pps"), "`rate` must be above zero, found `0pps`"),
      finding(spanOf(text, "0B"), "`size` must be above zero, found `0B`"),
    ]);
  });

  it("reports a core that the host does not have, and a range written downwards", () => {
    const text = "host h1 {\n  cores = 8\n  vm a { pin = 6..9 }\n  vm b { pin = 5..3 }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "6..9"), "core 8 does not exist: host `h1` has 8 cores (0–7)"),
      finding(spanOf(text, "5..3"), "the range `5..3` of `pin` is empty: its end is below its start", "write it upwards: `3..5`"),
    ]);
  });

  it("points at the item of a list that names a core the host does not have", () => {
    const text = "host h1 {\n  cores = 8\n  hypervisor_cores = [0, 9..10]\n  vm a { pin = [7, 12] }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "9..10"), "core 9 does not exist: host `h1` has 8 cores (0–7)"),
      finding(spanOf(text, "12"), "core 12 does not exist: host `h1` has 8 cores (0–7)"),
    ]);
  });

  it("bounds a range of cores", () => {
    const text = "host h1 {\n  cores = 100000\n  vm v { pin = 0..70000 }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "0..70000"), "the range `0..70000` of `pin` names more than 65536 cores")]);
  });

  it("wants at least one core per NUMA node", () => {
    const text = "host h1 {\n  cores = 4\n  numa_nodes = 8\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "8"), "host `h1` has 4 cores, so it cannot have 8 NUMA nodes", "each NUMA node needs at least one core")]);
  });

  it("wants a host's `node` to be a name a Kubernetes node can have, and one node per host", () => {
    const help = "a node name is lowercase letters, digits, `-` and `.`, each dot-separated part starting and ending with a letter or digit, at most 253 characters";
    const upper = 'host h1 {\n  node = "Worker_0"\n}\n';
    expect(invalid(upper)).toEqual([finding(spanOf(upper, '"Worker_0"'), "`Worker_0` is not a name a Kubernetes node can have", help)]);
    const dots = 'host h1 {\n  node = "worker-0..lab"\n}\n';
    expect(invalid(dots)).toEqual([finding(spanOf(dots, '"worker-0..lab"'), "`worker-0..lab` is not a name a Kubernetes node can have", help)]);
    const replicated = 'host worker[1..3] {\n  node = "worker-1"\n}\n';
    expect(invalid(replicated)).toEqual([
      finding(spanOf(replicated, '"worker-1"'), "every copy of host `worker[1..3]` would be node `worker-1`", "write a host block for each node, each with its own `node`"),
    ]);
    expect(invalid('host worker_0 {\n  node = "ip-10-0-1-5.ec2.internal"\n}\n')).toEqual([]);
  });

  it("wants a VM's `domain` to be a name libvirt accepts, and one domain per VM", () => {
    const help = "a domain name is not empty and holds no `/` and no line break";
    const slash = 'host h1 {\n  vm a {\n    domain = "web/1"\n  }\n}\n';
    expect(invalid(slash)).toEqual([finding(spanOf(slash, '"web/1"'), '"web/1" is not a name a libvirt domain can have', help)]);
    const empty = 'host h1 {\n  vm a {\n    domain = ""\n  }\n}\n';
    expect(invalid(empty)).toEqual([finding(spanOf(empty, '""'), '"" is not a name a libvirt domain can have', help)]);
    const newline = 'host h1 {\n  vm a {\n    domain = "a\\nb"\n  }\n}\n';
    expect(invalid(newline)).toEqual([finding(spanOf(newline, '"a\\nb"'), '"a\\nb" is not a name a libvirt domain can have', help)]);
    const replicated = 'host h1 {\n  vm web[1..3] {\n    domain = "web.1"\n  }\n}\n';
    expect(invalid(replicated)).toEqual([
      finding(spanOf(replicated, '"web.1"'), "every copy of vm `web[1..3]` would be domain `web.1`", "write a vm block for each domain, each with its own `domain`"),
    ]);
    // A VM in a replicated host is one per host: each copy is its own host's domain.
    expect(invalid('host h[1..2] {\n  vm a {\n    domain = "web.1 (prod)"\n  }\n}\n')).toEqual([]);
  });

  it("reports each mistake in a replicated block once", () => {
    const text = "host h1 {\n  vm web[1..3] { vcpus = 0 }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "0 }", 0, 1), "`vcpus` must be from 1 to 4096, found 0")]);
  });
});

describe("invalid-value: words", () => {
  it("suggests the closest enum word", () => {
    const text = "host h1 {\n  hypervisor = kvn\n  vswitch sw { type = obs }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "kvn"), "`kvn` is not a valid `hypervisor`: expected one of `kvm`, `esxi`, `hyperv` or `none`", "did you mean `kvm`?"),
      finding(spanOf(text, "obs"), "`obs` is not a valid `type`: expected one of `ovs`, `ovs_dpdk`, `linux_bridge` or `vss`", "did you mean `ovs`?"),
    ]);
  });

  it("suggests `true` or `false` for a misspelt boolean, and `none` for a misspelt VLAN", () => {
    const text = "host h1 {\n  iommu = ture\n  vswitch s { }\n  vm v { iface e { attach = vswitch(s)  vlan = nnoe } }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "ture"), "`iommu` expects `true` or `false`, found `ture`", "did you mean `true`?"),
      finding(spanOf(text, "nnoe"), "`vlan` expects an integer from 0 to 4094 or `none`, found `nnoe`", "did you mean `none`?"),
    ]);
  });

  it("checks each vSwitch feature, and asks for a list", () => {
    const text = "host h1 {\n  vswitch sw { features = [acl, mirorring] }\n  vswitch sx { features = acl }\n}\n";
    expect(invalid(text)).toEqual([
      finding(
        spanOf(text, "mirorring"),
        "`mirorring` is not a valid `features`: expected one of `security_groups`, `acl`, `mirroring`, `vxlan`, `geneve`, `qos`, `netflow`, `conntrack` or `lacp`",
        "did you mean `mirroring`?",
      ),
      finding(spanOf(text, "acl }", 0, 3), "`features` expects a list of feature names, found `acl`", "write it as a list: `[acl]`"),
    ]);
  });

  it("reports an unknown NIC model with the closest catalogue id, and asks for quotes around a bare one", () => {
    const text = 'host h1 {\n  nic n { model = "intel-x71" }\n  nic m { model = intel-x710 }\n}\n';
    expect(invalid(text)).toEqual([
      finding(spanOf(text, '"intel-x71"'), 'unknown NIC model `"intel-x71"`', 'did you mean `"intel-x710"`?'),
      finding(spanOf(text, "intel-x710"), "`model` expects a string in double quotes, found `intel-x710`", 'write it as a string: `"intel-x710"`'),
    ]);
  });

  it("asks for a PCI address without quotes", () => {
    const text = 'host h1 {\n  nic n { pf p { pci = "0000:3b:00.0" } }\n}\n';
    expect(invalid(text)).toEqual([
      finding(spanOf(text, '"0000:3b:00.0"'), '`pci` expects a PCI address, found the string `"0000:3b:00.0"`', "write it without quotes: `0000:3b:00.0`"),
    ]);
  });

  it("checks traffic patterns and sizes", () => {
    const text = `host h1 {
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic a { to = h1.v.e  rate = 1Mpps  pattern = poison  size = imx }
traffic b { to = h1.v.e  rate = 1Mpps  pattern = burst }
traffic c { to = h1.v.e  rate = 1Mpps  pattern = bust(4) }
traffic d { to = h1.v.e  rate = 1Mpps  pattern = burst(1, 2) }
traffic f { to = h1.v.e  rate = 1Mpps  pattern = burst(0) }
traffic g { to = h1.v.e  rate = 1Mpps  pattern = bursty }
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "poison"), "`poison` is not a valid `pattern`: expected `constant`, `poisson` or `burst(n)`", "did you mean `poisson`?"),
      finding(spanOf(text, "imx"), "`size` expects a size such as `64B`, or `imix`, found `imx`", "did you mean `imix`?"),
      finding(spanOf(text, "burst }", 0, 5), "`burst` needs its burst size: `burst(n)`", "write `burst(32)`, say"),
      finding(spanOf(text, "bust"), "`bust(...)` is not a valid `pattern`: expected `constant`, `poisson` or `burst(n)`", "did you mean `burst`?"),
      finding(spanOf(text, "burst(1, 2)"), "`burst(...)` takes one argument, the burst size; found 2", "write `burst(32)`, say"),
      finding(spanOf(text, "0)", 0, 1), "`burst` must be at least 1, found 0"),
      // Not `burst`: alone, it is the error above (the editor's quick fix writes what the help names).
      finding(spanOf(text, "bursty"), "`bursty` is not a valid `pattern`: expected `constant`, `poisson` or `burst(n)`", "did you mean `burst(32)`?"),
    ]);
  });
});

describe("invalid-value: data paths and references", () => {
  it("reports a reference of the wrong kind, with a fix", () => {
    const text = `host h1 {${NIC}
  vswitch s { }
  vm a { iface e { attach = vf(x710) } }
  vm b { iface e { attach = pf(s) } }
  vm c { iface e { attach = vswitch(h1) } }
}
traffic t { to = h1.a  rate = 1Mpps }
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "x710) }", 0, 4), "`x710` is a NIC, but `vf(...)` needs a PF", "name one of its PFs: `x710.pf0`"),
      finding(spanOf(text, "s) }", 0, 1), "`s` is a vSwitch, but `pf(...)` needs a PF", "to use the vSwitch, write `vswitch(s)`"),
      finding(spanOf(text, "h1) }", 0, 2), "`h1` is a host, but `vswitch(...)` needs a vSwitch", "name one of its vSwitches: `h1.s`"),
      finding(spanOf(text, "h1.a"), "`h1.a` is a VM, but `to` needs an interface", "name one of its interfaces: `h1.a.e`"),
    ]);
  });

  it("reports an attach mode that does not exist, a wrong arity and an argument that is not a name", () => {
    const text = `host h1 {${NIC}
  vm a { iface e { attach = vff(x710.pf0) } }
  vm b { iface e { attach = vmdq(x710.pf0, 1) } }
  vm c { iface e { attach = vf() } }
  vm d { iface e { attach = vf("x710.pf0") } }
  vm f { iface e { attach = x710.pf0 } }
}
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "vff"), "unknown attach mode `vff`: expected `vf`, `vdpa`, `vmdq`, `vswitch` or `pf`", "did you mean `vf`?"),
      finding(spanOf(text, "vmdq(x710.pf0, 1)"), "`vmdq(...)` takes one argument, found 2", "write `vmdq(<pf>)`"),
      finding(spanOf(text, "vf()"), "`vf(...)` takes one or two arguments, found 0", "write `vf(<pf>)` or `vf(<pf>, <index>)`"),
      finding(spanOf(text, '"x710.pf0"'), '`vf(...)` expects a PF such as `x710.pf0`, found the string `"x710.pf0"`'),
      finding(
        spanOf(text, "x710.pf0 }", 0, 8),
        "`attach` expects a data path: `vf(...)`, `vdpa(...)`, `vmdq(...)`, `vswitch(...)` or `pf(...)`, found `x710.pf0`",
        "did you mean `vf(x710.pf0)`?",
      ),
    ]);
  });

  it("refuses a PF or vSwitch of another host", () => {
    const text = `host h1 {${NIC}
  vswitch s { uplinks = [x710.pf0] }
}
host h2 {
  vswitch t { uplinks = [h1.x710.pf0] }
  vm web {
    iface eth0 { attach = vf(h1.x710.pf0) }
    iface eth1 { attach = vswitch(h1.s) }
  }
}
`;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "h1.x710.pf0", 0), "`h1.x710.pf0` is a PF of host `h1`, but vSwitch `t` is on host `h2`", "a PF serves only its own host"),
      finding(spanOf(text, "h1.x710.pf0", 1), "`h1.x710.pf0` is a PF of host `h1`, but this interface is on host `h2`", "a PF serves only its own host"),
      finding(spanOf(text, "h1.s"), "`h1.s` is a vSwitch of host `h1`, but this interface is on host `h2`", "a vSwitch serves only its own host"),
    ]);
  });
});

describe("invalid-value: replication", () => {
  it("limits a range to 4096 names", () => {
    const text = "host h1 {\n  vm web[1..5000] { }\n}\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "[1..5000]"), "`web[1..5000]` declares 5000 names; a range may declare at most 4096", "split it into several blocks of at most 4096 names"),
    ]);
  });

  it("refuses a bound past 2^53 - 1, where numbers stop being exact (web[9007199254740993..9007199254740993] declared web9007199254740992)", () => {
    const text = "host h1 {\n  vm web[9007199254740993..9007199254740993] { }\n  vm web9007199254740992 { }\n  vm db[18446744073709551615..18446744073709551616] { }\n}\n";
    const help = (base: string) => `number the copies from 0 or 1, as in \`${base}[1..8]\``;
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "[9007199254740993..9007199254740993]"), "the bounds of `web[9007199254740993..9007199254740993]` must be whole numbers up to 9007199254740991", help("web")),
      finding(spanOf(text, "[18446744073709551615..18446744073709551616]"), "the bounds of `db[18446744073709551615..18446744073709551616]` must be whole numbers up to 9007199254740991", help("db")),
    ]);
  });

  it("reports a range written downwards", () => {
    const text = "host h1 {\n  vm a[3..1] { }\n}\n";
    expect(invalid(text)).toEqual([finding(spanOf(text, "[3..1]"), "the range `[3..1]` of `a` is empty: its end is below its start", "write it upwards: `a[1..3]`")]);
  });
});

describe("invalid-value: the VF index of vf(pf, index)", () => {
  it("names the argument as LANGUAGE.md does", () => {
    const text = `host h1 {${NIC}\n  vm v { iface e { attach = vf(x710.pf0, 1.5) } }\n}\n`;
    expect(invalid(text)).toEqual([finding(spanOf(text, "1.5"), "`index` expects an integer ≥ 0, found the number `1.5`", "use a whole number, such as `2`")]);
  });
});

describe("invalid-value: time windows", () => {
  it("reports traffic that stops before it starts", () => {
    const text = `host h1 {
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h1.v.e  rate = 1Mpps  start = 5ms  stop = 1ms }
`;
    expect(invalid(text)).toEqual([finding(spanOf(text, "1ms"), "traffic `t` stops before it starts", "`stop` must be later than `start`")]);
    const same = text.replace("stop = 1ms", "stop = 5ms");
    expect(invalid(same)).toEqual([finding(spanOf(same, "5ms", 1), "traffic `t` stops as it starts: it never sends", "`stop` must be later than `start`")]);
  });

  it("wants a warm-up shorter than the run", () => {
    const text = "simulation { duration = 10ms  warmup = 10ms }\n";
    expect(invalid(text)).toEqual([
      finding(spanOf(text, "10ms", 1), "`warmup` must be shorter than `duration`: nothing would be measured", "keep it below 10ms"),
    ]);
    const longer = "simulation { warmup = 200ms }\n";
    expect(invalid(longer)).toEqual([
      finding(
        spanOf(longer, "200ms"),
        "`warmup` must be shorter than `duration`: nothing would be measured",
        "keep it below the default `duration` of 100ms, or set a longer `duration`",
      ),
    ]);
  });
});

describe("invalid-value: clean", () => {
  it("accepts well-formed values of every family", () => {
    const text = `host h1 {
  cores = 8
  freq = 2.4GHz
  overcommit = 150%
  hypervisor = kvm
  iommu = true
  nic x710 {
    model = "intel-x710"
    pf pf0 { pci = 0000:3b:00.0  speed = 10Gbps  vfs = 4  mtu = 9000  itr = 50us }
  }
  vswitch s { type = ovs  uplinks = [x710.pf0]  features = [acl, mirroring] }
  vm web[1..2] {
    pin = [2, 4..5]
    iface eth0 { attach = vf(x710.pf0)  vlan = none }
    iface eth2 { attach = vmdq(x710.pf0) }
    iface eth1 { attach = vswitch(s)  vlan = 4094 }
  }
}
traffic t { from = wire  to = h1.web1.eth0  rate = 1Mpps  size = imix  pattern = burst(32)  start = 1ms  stop = 5ms }
simulation { duration = 10ms  warmup = 0  seed = 7  cost { napi_budget = 64  wire_overhead = 24B } }
`;
    expect(errorLines(text)).toEqual([]);
  });
});
