/**
 * What the resolver keeps when part of the input is wrong: defaults in place of invalid values, blocks left
 * out of the model rather than half-built. The diagnostics themselves (rule, span, message, help) are
 * asserted per rule in test/rules/<rule-id>.test.ts.
 */
import { describe, expect, it } from "vitest";
import { resolveText } from "./helpers.js";

describe("recovery from invalid values", () => {
  it("reports every structure diagnostic as an error", () => {
    const { diagnostics } = resolveText("host h1 {\n  corez = 4\n  hypervisor = xen\n  vm v : nope { }\n}\n");
    expect(diagnostics.map((d) => d.rule).sort()).toEqual(["invalid-value", "unknown-attribute", "unknown-template"]);
    expect(new Set(diagnostics.map((d) => d.severity))).toEqual(new Set(["error"]));
  });

  it("accepts a plain 0 for a duration", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  nic n {\n    pf p { itr = 0 }\n  }\n}\n");
    expect(diagnostics).toEqual([]);
    expect(model.pfs[0]!.itrS).toBe(0);
  });

  it("falls back to the generic NIC model for an unknown one", () => {
    const { diagnostics, model } = resolveText('host h1 {\n  nic n { model = "intel-x71" }\n}\n');
    expect(diagnostics.map((d) => d.rule)).toEqual(["invalid-value"]);
    expect(model.nics[0]!.model.id).toBe("generic");
  });

  it("keeps the valid vSwitch features and drops the unknown one", () => {
    const { model } = resolveText("host h1 {\n  vswitch sw { features = [acl, mirorring] }\n}\n");
    expect(model.vswitches[0]!.features).toEqual(["acl"]);
  });

  it("keeps the valid cost overrides beside an unknown parameter", () => {
    const { diagnostics, model } = resolveText("simulation {\n  cost {\n    vm_exitt = 3000cyc\n    vswitch_ovs = 1.8Kcyc\n  }\n}\n");
    expect(diagnostics.map((d) => d.rule)).toEqual(["unknown-attribute"]);
    expect(model.simulation?.costOverrides.map((o) => [o.param, o.value])).toEqual([["vswitch.ovs", 1800]]);
  });

  it("declares nothing for a range of more than 4096 names", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  vm web[1..5000] { }\n}\n");
    expect(diagnostics.map((d) => d.rule)).toEqual(["invalid-value"]);
    expect(model.vms).toEqual([]);
  });

  it("leaves an interface without `attach` and traffic without `to` or `rate` out of the model", () => {
    const { diagnostics, model } = resolveText("host h1 {\n  vm v {\n    iface eth0 { mac = auto }\n  }\n}\ntraffic t { size = 64B }\n");
    expect(diagnostics.map((d) => d.rule)).toEqual(["missing-attribute", "missing-attribute", "missing-attribute"]);
    expect(model.ifaces).toEqual([]);
    expect(model.traffic).toEqual([]);
  });
});
