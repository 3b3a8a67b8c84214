// bench/generate.mjs makes the topologies the bench, the fuzzer and these tests run on: they must be valid
// (no errors or warnings), hold every data path, and land near the requested size.
import * as path from "node:path";
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
