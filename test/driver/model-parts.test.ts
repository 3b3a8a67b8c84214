/**
 * The resolved model in parts (src/driver/model-parts.ts): lowering a part gives the whole IR's entities of
 * the part's hosts, in the same order, with the same interfaces left out, and fails exactly when lowering
 * the whole fails; and every field of every entity is one that src/driver/part-shapes.ts's table
 * classifies (a field the model gains must be classified there before the model's parts are compared by
 * the table). On every sample, the bench's generated topologies and generated topologies with traffic
 * between hosts.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { createHost } from "../../src/driver/host.js";
import { settingsOnly, splitModel } from "../../src/driver/model-parts.js";
import { classified, MODEL_FIELDS } from "../../src/driver/part-shapes.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { lowerModel } from "../../src/lower/lower.js";
import type { Topology } from "../../src/semantics/model.js";
import { propertyRuns } from "../helpers/property.js";
import { topologySource } from "./topology-arbitrary.js";

const ROOT = path.resolve("/virtual/model-parts");
const ENTRY = path.join(ROOT, "t.sriov");
const host = createHost({ cwd: ROOT });

function modelOf(source: string): Topology | undefined {
  host.setFile(ENTRY, source);
  return new CompiledProgram(openWorkspace([ENTRY], { host }).programs[0]!.program).model;
}

const LISTS = ["hosts", "nics", "pfs", "vswitches", "vms", "containers", "ifaces", "traffic"] as const;

/** Lowering part by part is lowering the whole, entity for entity; returns the number of parts. */
function expectLoweredAlike(model: Topology): number {
  const whole = lowerModel(model);
  const parts = splitModel(model);
  expect(lowerModel(settingsOnly(model)).ok).toBe(whole.ok);
  const lowered = parts.map((part) => lowerModel(part));
  for (const part of lowered) expect(part.ok).toBe(whole.ok);
  if (!whole.ok) return parts.length;
  const irs = lowered.map((l) => (l.ok ? l.ir : undefined)) as Ir[];
  for (const list of LISTS) {
    const joined = irs.flatMap((ir) => ir[list] as readonly { id: string }[]);
    // The parts hold every entity once; in the whole IR's order within each part.
    expect(new Set(joined.map((e) => e.id)).size).toBe(joined.length);
    expect([...joined].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))).toEqual(
      [...(whole.ir[list] as readonly { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
    for (const ir of irs) {
      const mine = new Set((ir[list] as readonly { id: string }[]).map((e) => e.id));
      expect((ir[list] as readonly { id: string }[]).map((e) => e.id)).toEqual((whole.ir[list] as readonly { id: string }[]).map((e) => e.id).filter((id) => mine.has(id)));
    }
  }
  for (const ir of irs) {
    expect(ir.simulation).toEqual(whole.ir.simulation);
    expect(ir.costs).toEqual(whole.ir.costs);
  }
  const omitted = lowered.flatMap((l) => (l.ok ? l.omitted : []));
  expect(omitted.map((o) => o.iface).sort()).toEqual(whole.omitted.map((o) => o.iface).sort());
  return parts.length;
}

/** Every field of every entity is classified by the table of src/driver/part-shapes.ts. */
function expectClassified(model: Topology): void {
  for (const list of LISTS) {
    for (const entity of model[list]) {
      const unclassified = Object.keys(entity).filter((k) => !Object.hasOwn(MODEL_FIELDS[list], k));
      expect([list, entity.id, unclassified]).toEqual([list, entity.id, []]);
      expect(classified(list, entity)).toBe(true);
    }
  }
}

describe("the model in parts", () => {
  const samples = path.resolve("samples");
  const files = readdirSync(samples).filter((f) => f.endsWith(".sriov"));

  it.each(files)("lowers part by part as a whole, every field classified, on samples/%s", (file) => {
    const h = createHost({ cwd: samples });
    const model = new CompiledProgram(openWorkspace([path.join(samples, file)], { host: h }).programs[0]!.program).model!;
    expectLoweredAlike(model);
    expectClassified(model);
  });

  it("lowers part by part as a whole on the bench's topologies, plain and varied", () => {
    for (const varied of [false, true]) {
      const model = modelOf(generateTopology({ lines: 4000, varied }).source)!;
      expect(expectLoweredAlike(model)).toBe(5);
      expectClassified(model);
    }
  });

  it("lowers part by part as a whole on generated topologies, traffic between hosts included", () => {
    let several = 0;
    fc.assert(
      fc.property(topologySource, (source) => {
        const model = modelOf(source);
        if (model === undefined) return;
        if (expectLoweredAlike(model) > 1) several++;
        expectClassified(model);
      }),
      propertyRuns(200, 20261201),
    );
    expect(several).toBeGreaterThan(40);
  }, 120_000);

  it("does not take a field outside the table for one it compares", () => {
    // A field the table does not know (one the model might gain) makes its kind fall back to every field.
    const model = modelOf(generateTopology({ lines: 2000 }).source)!;
    const iface = { ...model.ifaces[0]!, gained: 1 };
    expect(classified("ifaces", iface)).toBe(false);
    expect(classified("ifaces", model.ifaces[0]!)).toBe(true);
  });
});
