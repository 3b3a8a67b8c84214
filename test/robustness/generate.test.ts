// bench/generate.mjs makes the topologies the bench, the fuzzer and these tests run on: they must be valid
// (no errors or warnings), hold every data path, and land near the requested size.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { LINES_PER_HOST, VFS_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { checkEntries } from "../../src/driver/workspace.js";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import { tempTree } from "../helpers/tmp.js";

describe("topology generator", () => {
  it.each([300, 1000, 1040, 5000, 2 * LINES_PER_HOST + 7])("%i lines exactly, with at most a few lines of padding", (lines) => {
    const generated = generateTopology({ lines });
    expect(generated.source.split("\n").length - 1).toBe(lines);
    expect(generated.lines).toBe(lines);
    expect((generated.source.match(/^\/\/ padding/gm) ?? []).length).toBeLessThan(LINES_PER_HOST / VFS_PER_HOST + 12);
  });

  it("a target below one host gives one host", () => {
    const generated = generateTopology({ lines: 10 });
    expect(generated.hosts).toBe(1);
    expect(generated.lines).toBeGreaterThan(10);
  });

  it("is deterministic", () => {
    expect(generateTopology({ lines: 2000 }).source).toBe(generateTopology({ lines: 2000 }).source);
  });

  it("a 2k-line topology checks clean and lowers to a schema-valid IR with every data path and all 64 VFs", () => {
    const generated = generateTopology({ lines: 2000 });
    const dir = tempTree({ "g.sriov": generated.source });
    const result = checkEntries([path.join(dir, "g.sriov")]);
    expect(result.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    const model = result.programs[0]!.model!;
    const lowered = lowerModel(model);
    if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
    expect(validateIr(JSON.parse(JSON.stringify(lowered.ir))).ok).toBe(true);
    const ir = lowered.ir;
    expect(new Set(ir.ifaces.map((f) => f.attachment.kind))).toEqual(new Set(["pf", "vswitch", "vmdq", "vf"]));
    expect(ir.hosts).toHaveLength(generated.hosts);
    const firstHostVfs = ir.ifaces.filter((f) => f.host === "h0" && f.attachment.kind === "vf").map((f) => (f.attachment.kind === "vf" ? f.attachment.vf : -1));
    expect(firstHostVfs.sort((a, b) => a - b)).toEqual(Array.from({ length: VFS_PER_HOST }, (_, i) => i));
    expect(ir.vswitches.every((s) => s.features.length === 3)).toBe(true);
    expect(ir.traffic.length).toBeGreaterThan(0);
  });
});

describe("the declared topology the .sriov is printed from (the bench's same-information baseline)", () => {
  const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../bench/declared.schema.json"), "utf8")) as object;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

  it("validates against bench/declared.schema.json, as YAML and as JSON", () => {
    const { declared } = generateTopology({ lines: 2000 });
    expect(validate(YAML.parse(YAML.stringify(declared))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(declared))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema is strict: an unknown key, a misspelt word or a quantity without its unit is rejected", () => {
    const { declared } = generateTopology({ lines: 300 });
    const variants: [string, (d: any) => void][] = [
      ["unknown attribute", (d) => (d.hosts.h0.colour = "red")],
      ["unknown hypervisor", (d) => (d.hosts.h0.hypervisor = "kvmm")],
      ["speed without unit", (d) => (d.hosts.h0.nics.e810.pfs.pf0.speed = "100")],
      ["attach with two kinds", (d) => (d.hosts.h0.vms.sw0.ifaces.eth0.attach = { vswitch: "br0", pf: "e810.pf1" })],
      ["bad MAC", (d) => (d.hosts.h0.vms.vq0.ifaces.eth0.mac = "52:54:00")],
      ["traffic without rate", (d) => delete d.traffic.h0_t0.rate],
    ];
    for (const [what, change] of variants) {
      const copy = structuredClone(declared);
      change(copy);
      expect(validate(copy), what).toBe(false);
    }
  });

  it("holds what the lowered IR holds: the same hosts, VMs, interfaces, traffic, and every attachment", () => {
    const generated = generateTopology({ lines: 2000 });
    const dir = tempTree({ "g.sriov": generated.source });
    const lowered = lowerModel(checkEntries([path.join(dir, "g.sriov")]).programs[0]!.model!);
    if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
    const ir = lowered.ir;
    const hosts = Object.entries(generated.declared.hosts);
    expect(hosts.map(([name]) => name)).toEqual(ir.hosts.map((h) => h.id));
    const vms = hosts.flatMap(([h, host]) => Object.keys(host.vms).map((vm) => `${h}.${vm}`));
    expect(vms.sort()).toEqual(ir.vms.map((v) => v.id).sort());
    const ifaces = hosts.flatMap(([h, host]) => [
      ...Object.entries(host.ifaces).map(([name, iface]) => [`${h}.${name}`, Object.keys((iface as any).attach)[0]]),
      ...Object.entries(host.vms).flatMap(([vm, body]) => Object.entries((body as any).ifaces).map(([name, iface]) => [`${h}.${vm}.${name}`, Object.keys((iface as any).attach)[0]])),
    ]);
    expect(ifaces.sort()).toEqual(ir.ifaces.map((f) => [f.id, f.attachment.kind]).sort());
    expect(Object.entries(generated.declared.traffic).map(([name, t]) => [name, t.to]).sort()).toEqual(ir.traffic.map((t) => [t.id, t.to]).sort());
  });
});
