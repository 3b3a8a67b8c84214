import { describe, expect, it } from "vitest";
import { brief, resolveText } from "./helpers.js";

const NIC = `
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }`;

describe("duplicate-name", () => {
  it("reports the second sibling with the first as related span, whatever the kinds", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vswitch x710 { }
}
`);
    expect(brief(diagnostics)).toEqual([
      "6:11 duplicate-name: `x710` is already declared in host `h1` | help: rename one of them: names are unique among the blocks of one scope, whatever their kind",
    ]);
    expect(diagnostics[0]!.related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[2, 7, "`x710` first declared here"]]);
  });

  it("catches a replicated name clashing with a plain one", () => {
    const { diagnostics } = resolveText("host h1 {\n  vm web2 { }\n  vm web[1..3] { }\n}\n");
    expect(brief(diagnostics)).toEqual([
      "3:6 duplicate-name: `web2` (declared by `web[…]`) is already declared in host `h1` | help: rename one of them: names are unique among the blocks of one scope, whatever their kind",
    ]);
  });

  it("treats hosts and traffic as one top scope, and a second simulation block as a duplicate", () => {
    const { diagnostics } = resolveText(
      "host a { }\ntraffic a { to = x.y rate = 1pps }\nsimulation { }\nsimulation { seed = 2 }\n",
    );
    expect(brief(diagnostics)).toEqual([
      "2:9 duplicate-name: `a` is already declared at the top level | help: rename one of them: names are unique among the blocks of one scope, whatever their kind",
      "4:1 duplicate-name: a program has one `simulation` block; this is a second one | help: merge the two into one `simulation` block",
    ]);
  });

  it("reports an attribute set twice", () => {
    const { diagnostics } = resolveText("host h1 {\n  cores = 4\n  cores = 8\n}\n");
    expect(brief(diagnostics)).toEqual(["3:3 duplicate-name: `cores` is set twice in this `host` | help: keep one of them (the first one is used)"]);
  });
});

describe("unknown-reference", () => {
  it("suggests the closest name for a misspelt first segment", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm web { iface eth0 { attach = vf(x71.pf0) } }
}
`);
    expect(brief(diagnostics)).toEqual([
      "6:37 unknown-reference: unknown reference `x71.pf0`: nothing named `x71` is visible here | help: did you mean `x710.pf0`?",
    ]);
  });

  it("suggests siblings for a misspelt later segment", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm web { iface eth0 { attach = vf(x710.pf1) } }
}
`);
    expect(brief(diagnostics)).toEqual([
      "6:37 unknown-reference: unknown reference `x710.pf1`: NIC `x710` has no `pf1` | help: did you mean `x710.pf0`?",
    ]);
  });

  it("at the top level, suggests qualifying with the host", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm web { iface eth0 { attach = vf(x710.pf0) } }
}
traffic t { to = web.eth0  rate = 1Mpps }
`);
    expect(brief(diagnostics)).toEqual([
      "8:18 unknown-reference: unknown reference `web.eth0`: nothing named `web` is visible here | help: did you mean `h1.web.eth0`?",
    ]);
  });
});

describe("unknown-attribute", () => {
  it("names the block kind and suggests the closest attribute", () => {
    const { diagnostics } = resolveText("host h1 {\n  vm db {\n    vcpu = 4\n  }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:5 unknown-attribute: `vcpu` is not an attribute of a `vm` | help: did you mean `vcpus`?"]);
  });

  it("checks cost parameters, written with `_`", () => {
    const { diagnostics, model } = resolveText("simulation {\n  cost {\n    vm_exitt = 3000cyc\n    vswitch_ovs = 1.8Kcyc\n  }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:5 unknown-attribute: `vm_exitt` is not a cost parameter | help: did you mean `vm_exit`?"]);
    expect(model.simulation?.costOverrides.map((o) => [o.param, o.value])).toEqual([["vswitch.ovs", 1800]]);
  });
});

describe("invalid-value", () => {
  it("suggests the unit of the right dimension for a near miss", () => {
    const { diagnostics } = resolveText("host h1 {\n  nic n {\n    pf p { speed = 10GB }\n  }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:20 invalid-value: `speed` expects a bit rate, found the size `10GB` | help: did you mean `10Gbps`?"]);
  });

  it("asks for a unit on a plain number, but accepts 0 for a duration", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  freq = 3\n  nic n {\n    pf p { itr = 0 }\n  }\n}\n");
    expect(brief(diagnostics)).toEqual(["2:10 invalid-value: `freq` expects a frequency, found the plain number 3 | help: add a unit: `3GHz`"]);
    expect(model.pfs[0]!.itrS).toBe(0);
  });

  it("reads a bare ratio as a fraction in its help", () => {
    const { diagnostics } = resolveText("host h1 {\n  overcommit = 1.5\n}\n");
    expect(brief(diagnostics)).toEqual(["2:16 invalid-value: `overcommit` expects a ratio, found the plain number 1.5 | help: write it as a percentage: `150%`"]);
  });

  it("reports an unknown unit with the nearest right one", () => {
    const { diagnostics } = resolveText("host h1 {\n  nic n {\n    pf p { speed = 10Gbit }\n  }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:20 invalid-value: unknown unit `Gbit` in `speed`: it expects a bit rate | help: did you mean `10Gbps`?"]);
  });

  it("reports out-of-range integers", () => {
    const { diagnostics } = resolveText("host h1 {\n  vm v {\n    iface e {\n      attach = vswitch(sw)\n      vlan = 5000\n    }\n  }\n  vswitch sw { }\n}\n");
    expect(brief(diagnostics)).toEqual(["5:14 invalid-value: `vlan` must be from 0 to 4094, found 5000"]);
  });

  it("suggests the closest enum word", () => {
    const { diagnostics } = resolveText("host h1 {\n  hypervisor = kvn\n}\n");
    expect(brief(diagnostics)).toEqual([
      "2:16 invalid-value: `kvn` is not a valid `hypervisor`: expected one of `kvm`, `esxi`, `hyperv` or `none` | help: did you mean `kvm`?",
    ]);
  });

  it("reports an unknown NIC model with the closest catalogue ids and falls back to generic", () => {
    const { diagnostics, model } = resolveText('host h1 {\n  nic n { model = "intel-x71" }\n}\n');
    expect(brief(diagnostics)).toEqual(['2:19 invalid-value: unknown NIC model `"intel-x71"` | help: did you mean `"intel-x710"`?']);
    expect(model.nics[0]!.model.id).toBe("generic");
  });

  it("reports an unknown vSwitch feature with a suggestion", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  vswitch sw { features = [acl, mirorring] }\n}\n");
    expect(brief(diagnostics)).toEqual([
      "2:33 invalid-value: `mirorring` is not a valid `features`: expected one of `security_groups`, `acl`, `mirroring`, `vxlan`, `geneve`, `qos`, `netflow`, `conntrack` or `lacp` | help: did you mean `mirroring`?",
    ]);
    expect(model.vswitches[0]!.features).toEqual(["acl"]);
  });

  it("reports a core that the host does not have", () => {
    const { diagnostics } = resolveText("host h1 {\n  cores = 8\n  vm v { pin = 6..9 }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:16 invalid-value: core 8 does not exist: host `h1` has 8 cores (0–7)"]);
  });

  it("reports a reference of the wrong kind, with a fix", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm web { iface eth0 { attach = vf(x710) } }
}
`);
    expect(brief(diagnostics)).toEqual(["6:37 invalid-value: `x710` is a NIC, but `vf(...)` needs a PF | help: name one of its PFs: `x710.pf0`"]);
  });

  it("reports an attach mode that does not exist", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm web { iface eth0 { attach = vff(x710.pf0) } }
}
`);
    expect(brief(diagnostics)).toEqual(["6:34 invalid-value: unknown attach mode `vff`: expected `vf`, `vmdq`, `vswitch` or `pf` | help: did you mean `vf`?"]);
  });

  it("refuses a PF of another host", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
}
host h2 {
  vm web { iface eth0 { attach = vf(h1.x710.pf0) } }
}
`);
    expect(brief(diagnostics)).toEqual([
      "8:37 invalid-value: `h1.x710.pf0` is on host `h1`, but `vf(...)` is on host `h2` | help: a PF serves only its own host",
    ]);
  });

  it("limits a replicated range to 4096 names", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  vm web[1..5000] { }\n}\n");
    expect(brief(diagnostics)).toEqual([
      "2:9 invalid-value: `web[1..5000]` declares 5000 names; a range may declare at most 4096 | help: split it into several blocks of at most 4096 names",
    ]);
    expect(model.vms).toEqual([]);
  });

  it("reports each mistake in a replicated block once", () => {
    const { diagnostics } = resolveText("host h1 {\n  vm web[1..3] { vcpus = 0 }\n}\n");
    expect(brief(diagnostics)).toEqual(["2:26 invalid-value: `vcpus` must be from 1 to 4096, found 0"]);
  });
});

describe("missing-attribute", () => {
  it("requires iface.attach, traffic.to and traffic.rate, and leaves those out of the model", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  vm v {\n    iface eth0 { mac = auto }\n  }\n}\ntraffic t { size = 64B }\n");
    expect(brief(diagnostics)).toEqual([
      "3:11 missing-attribute: interface `eth0` has no `attach`: every interface needs a data path | help: add `attach = ...`: write `vf(<pf>)`, `vf(<pf>, <index>)`, `vmdq(<pf>)`, `vswitch(<vswitch>)` or `pf(<pf>)`",
      "6:9 missing-attribute: traffic `t` has no `to`: it needs a target interface | help: add `to = <host>.<vm>.<iface>`",
      "6:9 missing-attribute: traffic `t` has no `rate`: it needs an offered load | help: add `rate = ...` as a packet rate (`1Mpps`) or a bit rate (`10Gbps`)",
    ]);
    expect(model.ifaces).toEqual([]);
    expect(model.traffic).toEqual([]);
  });
});

describe("unknown-template", () => {
  it("suggests a template of the same kind", () => {
    const { diagnostics } = resolveText("template vm small_vm { vcpus = 2 }\nhost h1 {\n  vm web : smal_vm { }\n}\n");
    expect(brief(diagnostics)).toEqual(["3:12 unknown-template: unknown template `smal_vm` | help: did you mean `small_vm`?"]);
  });

  it("refuses a template of another kind", () => {
    const { diagnostics } = resolveText("template nic small { }\nhost h1 {\n  vm web : small { }\n}\n");
    expect(brief(diagnostics)).toEqual([
      "3:12 unknown-template: `small` is a `nic` template, but this block is a `vm` | help: declare a `template vm ...` to start from",
    ]);
    expect(diagnostics[0]!.related.map((r) => [r.span.line, r.message])).toEqual([[1, "template declared here"]]);
  });
});

describe("severity", () => {
  it("is always error for structural diagnostics", () => {
    const { diagnostics } = resolveText("host h1 {\n  corez = 4\n  hypervisor = xen\n  vm v : nope { }\n}\n");
    expect(diagnostics.length).toBe(3);
    expect(new Set(diagnostics.map((d) => d.severity))).toEqual(new Set(["error"]));
  });
});

describe("unknown-reference inside a host", () => {
  it("does not suggest another host's PF", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
}
host h2 {
  vm web { iface eth0 { attach = vf(x710.pf0) } }
}
`);
    expect(brief(diagnostics)).toEqual(["8:37 unknown-reference: unknown reference `x710.pf0`: nothing named `x710` is visible here"]);
  });
});

describe("more invalid values", () => {
  it("checks the arity of attach modes and the shape of their arguments", () => {
    const { diagnostics } = resolveText(`host h1 {${NIC}
  vm a { iface e { attach = vmdq(x710.pf0, 1) } }
  vm b { iface e { attach = vf("x710.pf0") } }
  vm c { iface e { attach = x710.pf0 } }
}
`);
    expect(brief(diagnostics)).toEqual([
      "6:29 invalid-value: `vmdq(...)` takes one argument, found 2 | help: write `vmdq(<pf>)`",
      "7:32 invalid-value: `vf(...)` expects a PF such as `x710.pf0`, found the string `\"x710.pf0\"`",
      "8:29 invalid-value: `attach` expects a data path: `vf(...)`, `vmdq(...)`, `vswitch(...)` or `pf(...)`, found `x710.pf0` | help: did you mean `vf(x710.pf0)`?",
    ]);
  });

  it("checks traffic windows and patterns, and simulation warm-up", () => {
    const { diagnostics } = resolveText(`host h1 {
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h1.v.e  rate = 1Mpps  pattern = burst  start = 5ms  stop = 1ms }
traffic u { to = h1.v.e  rate = 0pps  pattern = poison }
simulation { duration = 10ms  warmup = 10ms }
`);
    expect(brief(diagnostics)).toEqual([
      "5:50 invalid-value: `burst` needs its burst size: `burst(n)` | help: write `burst(32)`, say",
      "5:77 invalid-value: traffic `t` stops before it starts | help: `stop` must be later than `start`",
      "6:33 invalid-value: `rate` must be above zero, found `0pps`",
      "6:49 invalid-value: `poison` is not a valid `pattern`: expected `constant`, `poisson` or `burst(n)` | help: did you mean `poisson`?",
      "7:40 invalid-value: `warmup` must be shorter than `duration`: nothing would be measured | help: keep it below 10ms",
    ]);
  });

  it("reports a template declared twice", () => {
    const { diagnostics } = resolveText("template vm t { }\ntemplate nic t { }\n");
    expect(brief(diagnostics)).toEqual(["2:14 duplicate-name: template `t` is declared twice | help: rename one of them"]);
    expect(diagnostics[0]!.related[0]!.span.line).toBe(1);
  });

  it("asks for quotes around a NIC model written as a name", () => {
    const { diagnostics } = resolveText("host h1 {\n  nic n { model = intel-x710 }\n}\n");
    expect(brief(diagnostics)).toEqual(['2:19 invalid-value: `model` expects a string in double quotes, found `intel-x710` | help: write it as a string: `"intel-x710"`']);
  });
});
