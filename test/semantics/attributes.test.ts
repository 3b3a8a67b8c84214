import { describe, expect, it } from "vitest";
import { ATTRIBUTE_TABLE, COST_ATTRIBUTES } from "../../src/semantics/attributes.js";
import { COST_PARAMETER_UNITS } from "../../src/semantics/model.js";
import { resolveText } from "./helpers.js";

/** Places one attribute of `kind` in a small program where every reference in the examples resolves. */
function programWith(kind: string, name: string, value: string): string {
  // The program's own attributes, left out when they are the one under test.
  const base = (k: string, n: string, v: string): string => (kind === k && name === n ? "" : `${n} = ${v}`);
  const extra = (k: string): string => (kind === k ? `${name} = ${value}` : "");
  return `host h {
  ${base("host", "cores", "32")} ${extra("host")}
  nic x { ${extra("nic")} pf p { ${base("pf", "vfs", "4")} ${extra("pf")} } }
  vswitch s { ${extra("vswitch")} }
  vm v { ${extra("vm")} iface e { ${base("iface", "attach", "vswitch(s)")} ${extra("iface")} } }
  container c { ${kind === "container" && name === "hugepages_memory" ? "hugepages = 2MiB" : ""} ${extra("container")} }
}
traffic t { ${base("traffic", "to", "h.v.e")} ${base("traffic", "rate", "1pps")} ${extra("traffic")} }
simulation { ${extra("simulation")} }
`;
}

describe("attribute table", () => {
  for (const [kind, table] of Object.entries(ATTRIBUTE_TABLE)) {
    for (const [name, spec] of Object.entries(table)) {
      it(`${kind}.${name} = ${spec.example} resolves cleanly and shows in the spans`, () => {
        const { diagnostics, model } = resolveText(programWith(kind, name, spec.example));
        expect(diagnostics).toEqual([]);
        const entity =
          kind === "host" ? model.hosts[0] : kind === "nic" ? model.nics[0] : kind === "pf" ? model.pfs[0] : kind === "vswitch" ? model.vswitches[0] : kind === "vm" ? model.vms[0] : kind === "container" ? model.containers[0] : kind === "iface" ? model.ifaces[0] : kind === "traffic" ? model.traffic[0] : model.simulation;
        expect((entity?.spans.attrs as Partial<Record<string, unknown>> | undefined)?.[name], `${kind}.${name}`).toBeDefined();
      });
    }
  }

  it("an interface's `vlan` left out is none (untagged), as its default says (it said \"iface's\", the traffic's default)", () => {
    expect(ATTRIBUTE_TABLE.iface.vlan.default).toBe("none");
    const { diagnostics, model } = resolveText(programWith("iface", "mtu", "1500"));
    expect(diagnostics).toEqual([]);
    expect(model.ifaces[0]!.vlan).toBeNull();
  });

  it("lists every cost parameter of the profiles with `_` for `.`", () => {
    expect([...COST_ATTRIBUTES.values()].sort()).toEqual(Object.keys(COST_PARAMETER_UNITS).sort());
    expect(COST_ATTRIBUTES.get("feature_security_groups")).toBe("feature.security_groups");
  });
});
