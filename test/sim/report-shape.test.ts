// The report's types are generated from its JSON Schema (scripts/report-shape.mjs): the committed types are
// what the schemas give, and what the simulator writes is what the schema says.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { reportShapeSource } from "../../scripts/report-shape.mjs";
import type { SimReport } from "../../src/sim/report.js";
import { REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { sampleIrs, shortReport } from "../report/html-samples.js";

const SCHEMA = path.join(REPO, "schema");
const readSchema = (name: string) => JSON.parse(readFileSync(path.join(SCHEMA, `${name}.schema.json`), "utf8")) as Record<string, unknown>;

describe("src/sim/report-shape.ts, generated from schema/report.schema.json and schema/partial-report.schema.json", () => {
  it("is the committed file exactly as scripts/report-shape.mjs writes it", async () => {
    // Fails when a schema is changed without regenerating the types, or the types are edited by hand.
    expect(await reportShapeSource()).toBe(readFileSync(path.join(REPO, "src/sim/report-shape.ts"), "utf8"));
  }, 60_000);

  it("follows the schema: a field added to an interface row becomes a field of InterfaceReport, and a part's report is that same SimReport without a comparison", async () => {
    const directory = tempTree({});
    cpSync(SCHEMA, directory, { recursive: true });
    const report = readSchema("report") as { $defs: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    report.$defs["interface"]!.properties["rx_errors"] = { description: "Frames the NIC rejected.", type: "integer", minimum: 0 };
    report.$defs["interface"]!.required.push("rx_errors");
    writeFileSync(path.join(directory, "report.schema.json"), JSON.stringify(report));
    const source = await reportShapeSource(directory);
    const declared = /export interface InterfaceReport \{[\s\S]*?\n\}/.exec(source)![0];
    expect(declared).toContain("   * Frames the NIC rejected.\n   */\n  rx_errors: number;\n");
    // One declaration of each type: the partial report's parts name the report's, they do not copy it.
    expect(source.match(/^export interface SimReport\b/gm)).toHaveLength(1);
    // …and the schema's "no comparison in a part" is a type: a part's report cannot hold one.
    expect(/export interface PartResult \{[\s\S]*?\n  report: SimReport & \{\n    comparison\?: never;\n  \};\n/.test(source)).toBe(true);
  }, 60_000);
});

describe("schema/report.schema.json describes what the simulator writes", () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(readSchema("report"));
  const samples = sampleIrs();

  it("holds for every sample's report, with the data-path comparison", () => {
    expect(samples.length).toBeGreaterThanOrEqual(7);
    const seen = { interfaces: 0, transmit: 0, polling: 0, rss: 0, comparison: 0 };
    for (const { name, ir } of samples) {
      const report = shortReport(ir, 2_000_000);
      // Through JSON, as --format json prints it.
      expect(validate(JSON.parse(JSON.stringify(report))), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      seen.interfaces += report.interfaces.length;
      seen.transmit += report.interfaces.filter((f) => f.direction === "tx").length;
      seen.polling += report.cores.filter((c) => c.polling).length;
      seen.rss += report.interfaces.filter((f) => f.queues !== undefined).length;
      seen.comparison += report.comparison!.length;
    }
    // The optional parts of the schema were exercised, not only the required ones.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  }, 120_000);

  it("refuses what a report never holds: a negative rate, a field it does not write, a regime it does not know", () => {
    const { ir } = samples.find((s) => s.name === "four-data-paths.sriov")!;
    const report = JSON.parse(JSON.stringify(shortReport(ir, 2_000_000))) as SimReport;
    expect(validate(report)).toBe(true);
    const wrong = (change: (r: SimReport) => void): string[] => {
      const copy = JSON.parse(JSON.stringify(report)) as SimReport;
      change(copy);
      expect(validate(copy)).toBe(false);
      return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
    expect(wrong((r) => (r.interfaces[0]!.delivered_pps = -1))).toEqual(["/interfaces/0/delivered_pps must be >= 0"]);
    expect(wrong((r) => Object.assign(r.cores[0]!, { temperature: 40 }))).toEqual(["/cores/0 must NOT have additional properties"]);
    expect(wrong((r) => Object.assign(r.queues[0]!, { regime: "xdp" }))).toEqual(["/queues/0/regime must be equal to one of the allowed values"]);
    expect(wrong((r) => Object.assign(r.cores[0]!, { role: "pod:web" }))).toEqual(['/cores/0/role must match pattern "^(hypervisor|host|idle|vm:.+|container:.+)$"']);
  }, 60_000);

  it("names every role a core has: a container's core is container:NAME (the schema and SIMULATION.md said hypervisor, vm:NAME, host or idle)", () => {
    const roles = new Set(samples.flatMap(({ ir }) => shortReport(ir, 2_000_000).cores.map((c) => c.role.replace(/:.*/, ":NAME"))));
    expect([...roles].sort()).toEqual(["container:NAME", "host", "hypervisor", "vm:NAME"]);
    const role = (readSchema("report") as { $defs: Record<string, { properties?: Record<string, { description?: string }> }> }).$defs;
    expect(Object.values(role).find((def) => def.properties?.["role"] !== undefined)?.properties?.["role"]?.description).toBe("hypervisor, vm:NAME, container:NAME, host (a bare-metal host's core) or idle.");
  }, 120_000);
});
