/** The IR's JSON Schema, its cross-reference checks, and the TypeScript types kept in step with it. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COST_PARAMETERS, DATA_PATHS, FEATURES, type Ir } from "../../src/lower/ir.js";
import { IR_SCHEMA_PATH, validateIr } from "../../src/lower/validate.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

const schema = JSON.parse(readFileSync(IR_SCHEMA_PATH, "utf8")) as {
  properties: { costs: { properties: { params: { required: string[] } } } };
  $defs: { feature: { enum: string[] }; attachment: { oneOf: { properties: { kind: { const: string } } }[] } };
};

function mutate(change: (ir: Record<string, any>) => void): unknown {
  const ir = structuredClone(fixtureIr({ path: "vf" })) as Record<string, any>;
  change(ir);
  return ir;
}

function errorsOf(json: unknown): { pointer: string; message: string }[] {
  const result = validateIr(json);
  return result.ok ? [] : result.errors;
}

describe("IR schema", () => {
  it("accepts the fixture on every data path, with descriptions and spans", () => {
    for (const path of DATA_PATHS) expect(errorsOf(fixtureIr({ path, description: 'a "quoted" </script> text' }))).toEqual([]);
    const withSpan = mutate((ir) => (ir.ifaces[0].span = { file: "a.sriov", line: 3, column: 5, endLine: 3, endColumn: 9 }));
    expect(errorsOf(withSpan)).toEqual([]);
  });
  it("stays in step with the TypeScript types", () => {
    expect([...schema.properties.costs.properties.params.required].sort()).toEqual([...COST_PARAMETERS].sort());
    expect(schema.$defs.feature.enum).toEqual([...FEATURES]);
    expect(schema.$defs.attachment.oneOf.map((o) => o.properties.kind.const).sort()).toEqual([...DATA_PATHS].sort());
  });
  it("reports a missing property with its pointer", () => {
    expect(errorsOf(mutate((ir) => delete ir.pfs[0].speedBps))).toEqual([{ pointer: "/pfs/0", message: "missing property 'speedBps'" }]);
  });
  it("reports an unknown property", () => {
    expect(errorsOf(mutate((ir) => (ir.hosts[0].colour = "red")))).toEqual([{ pointer: "/hosts/0", message: "unknown property 'colour'" }]);
  });
  it("reports a bad enum value", () => {
    expect(errorsOf(mutate((ir) => (ir.hosts[0].hypervisor = "xen")))).toEqual([{ pointer: "/hosts/0/hypervisor", message: 'must be one of "kvm", "esxi", "hyperv", "none"' }]);
  });
  it("rejects another IR version", () => {
    expect(errorsOf(mutate((ir) => (ir.irVersion = 2)))[0]?.pointer).toBe("/irVersion");
  });
  it("rejects a non-integer time", () => {
    expect(errorsOf(mutate((ir) => (ir.simulation.durationNs = 1.5)))[0]).toEqual({ pointer: "/simulation/durationNs", message: "must be integer" });
  });
});

describe("IR cross-references", () => {
  it("a VF index beyond the PF's VFs", () => {
    expect(errorsOf(mutate((ir) => (ir.ifaces[0].attachment.vf = 8)))).toEqual([{ pointer: "/ifaces/0/attachment/vf", message: "VF 8 does not exist: 'h1.x710.pf0' enables 8 VFs" }]);
  });
  it("an unknown PF", () => {
    expect(errorsOf(mutate((ir) => (ir.ifaces[0].attachment.pf = "h1.x710.pf9")))).toContainEqual({ pointer: "/ifaces/0/attachment/pf", message: "unknown PF 'h1.x710.pf9'" });
  });
  it("a core the host does not have", () => {
    expect(errorsOf(mutate((ir) => (ir.vms[0].pin = [8])))).toEqual([{ pointer: "/vms/0/pin/0", message: "core 8 does not exist on host 'h1' (8 cores)" }]);
  });
  it("traffic to an unknown interface", () => {
    expect(errorsOf(mutate((ir) => (ir.traffic[0].to = "h1.web2.eth0")))).toEqual([{ pointer: "/traffic/0/to", message: "unknown interface 'h1.web2.eth0'" }]);
  });
  it("a warm-up as long as the run", () => {
    expect(errorsOf(mutate((ir) => (ir.simulation.warmupNs = ir.simulation.durationNs)))).toEqual([{ pointer: "/simulation/warmupNs", message: "the warm-up must be shorter than the duration" }]);
  });
  it("duplicate ids", () => {
    expect(errorsOf(mutate((ir) => ir.nics.push({ ...ir.nics[0] })))).toEqual([{ pointer: "/nics/1/id", message: "duplicate id 'h1.x710'" }]);
  });
  it("a VM interface attached to the PF directly", () => {
    expect(errorsOf(mutate((ir) => (ir.ifaces[0].attachment = { kind: "pf", pf: "h1.x710.pf0" })))).toEqual([
      { pointer: "/ifaces/0/attachment/kind", message: "a pf attachment belongs to a host's own interface (vm must be null)" },
    ]);
  });
  it("returns the typed IR when valid", () => {
    const result = validateIr(JSON.parse(JSON.stringify(fixtureIr())));
    expect(result.ok && (result.ir as Ir).ifaces[0]!.id).toBe("h1.web1.eth0");
  });
});
