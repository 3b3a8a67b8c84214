import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/check-source.js";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";

describe("unknown-attribute", () => {
  it("names the block kind and suggests the closest attribute", () => {
    const text = "host h1 {\n  vm db {\n    vcpu = 4\n  }\n}\n";
    expect(reportsOf("unknown-attribute", text)).toEqual([
      { file: FILE, ...spanOf(text, "vcpu"), message: "`vcpu` is not an attribute of a `vm`", help: "did you mean `vcpus`?", related: [] },
    ]);
  });

  it("lists the block's attributes when none is close", () => {
    const text = "host h1 {\n  nic n { pf p { colour = 1 } }\n}\nsimulation { colour = 1 }\n";
    expect(reportsOf("unknown-attribute", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "colour"),
        message: "`colour` is not an attribute of a `pf`",
        help: "a `pf` takes `pci`, `speed`, `max_vfs`, `vfs`, `vmdq_pools`, `msix`, `itr`, `ring`, `mtu`, `description`",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "colour", 1),
        message: "`colour` is not an attribute of a `simulation`",
        help: "a `simulation` takes `duration`, `warmup`, `seed`, `profile`, `description`",
        related: [],
      },
    ]);
  });

  it("checks cost parameters, written with `_`", () => {
    const text = "simulation {\n  cost {\n    vm_exitt = 3000cyc\n    vswitch_ovs = 1.8Kcyc\n  }\n}\n";
    expect(reportsOf("unknown-attribute", text)).toEqual([
      { file: FILE, ...spanOf(text, "vm_exitt"), message: "`vm_exitt` is not a cost parameter", help: "did you mean `vm_exit`?", related: [] },
    ]);
  });

  it("checks template bodies, where nothing is declared yet", () => {
    const text = "template vm small { memry = 4GiB }\n";
    expect(reportsOf("unknown-attribute", text)).toEqual([
      { file: FILE, ...spanOf(text, "memry"), message: "`memry` is not an attribute of a `vm`", help: "did you mean `memory`?", related: [] },
    ]);
  });

  it("reports a mistake in a replicated block once", () => {
    const text = "host h1 {\n  vm web[1..3] { vcpu = 2 }\n}\n";
    expect(reportsOf("unknown-attribute", text).map((r) => [r.line, r.column, r.message])).toEqual([[2, 18, "`vcpu` is not an attribute of a `vm`"]]);
  });

  it("accepts every attribute a block takes, `description` included", () => {
    const text = `host h1 {
  description = "lab"
  cores = 8
  nic n { pf p { vfs = 2  mtu = 9000  itr = 50us } }
  vm v { vcpus = 2  memory = 4GiB  iface e { attach = vf(n.p)  vlan = 10 } }
}
simulation {
  duration = 10ms
  cost { vm_exit = 3Kcyc  vswitch_ovs = 1.8Kcyc }
}
`;
    expect(errorLines(text)).toEqual([]);
  });
});

describe("unknown-attribute: grammar", () => {
  it("says `an iface`, not `a iface`", () => {
    const text = "host h1 {\n  vm v {\n    iface e {\n      attach = vswitch(s)\n      bogus_setting_xyz = 1\n    }\n  }\n  vswitch s { }\n}\n";
    const [found] = findingsOf("unknown-attribute", text);
    expect(found?.message).toBe("`bogus_setting_xyz` is not an attribute of an `iface`");
    expect(found?.help).toMatch(/^an `iface` takes `attach`, /);
  });
});
