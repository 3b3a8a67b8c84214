/**
 * A what-if is the file edited that way: for every sample that checks without errors, every interface and
 * every MODE the language allows it (`possiblePaths`, `vswitch(NAME)` for each vSwitch of its host, and the
 * drivers), a run with `--what-if IFACE=MODE` lowers to the IR of the sample with that edit written in
 * the file — the default MTU recomputed, VFs and VMDq pools allocated as for a file (the interfaces after
 * it shift), too many queues refused with the error the file gets. Then, as a property, the same for
 * several what-ifs at once.
 *
 * The edited source is built textually, which is what "as if the user had edited the file" means: the
 * interface's `attach` value is replaced by `vf(nic.pf)` (the PF of its packets: its own, or its
 * vSwitch's first uplink), `vmdq(nic.pf)`, `vdpa(nic.pf)` or `vswitch(NAME)`, and a driver is written
 * as `driver = X` (replacing the written one, or put after `attach` on its line, so no line moves). Built
 * through the model it would be whatIfTopology again, and prove nothing. An interface declared once for
 * several (a replicated VM's, a template's) has no text of its own: editing it edits every instance, so
 * its what-if is the same MODE for every instance at once (`a1.eth0=vf, a2.eth0=vf, …`). The IRs are
 * compared without their spans: an edit moves the columns after it.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompiledProgram } from "../../src/driver/program.js";
import { possiblePaths, whatIfMode, type WhatIf } from "../../src/lower/what-if.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import type { Iface, Topology } from "../../src/semantics/model.js";
import { propertyRuns } from "../helpers/property.js";
import { tempTree } from "../helpers/tmp.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../samples");
const SAMPLE_FILES: Record<string, string> = Object.fromEntries(
  readdirSync(SAMPLES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".sriov"))
    .sort()
    .map((f) => [f.split(path.sep).join("/"), readFileSync(path.join(SAMPLES, f), "utf8")]),
);

/** The program of `entry` among the samples, with `files` in place of theirs (relative path → text). */
function programOf(entry: string, files: Record<string, string>, whatIfs: readonly WhatIf[] = []): CompiledProgram {
  const root = tempTree(files);
  const { workspace } = loadWorkspace([path.join(root, entry)], { cwd: root });
  return new CompiledProgram(workspace.programs.find((p) => p.root === entry)!, { whatIfs });
}

/** The value without its spans (at any depth): what an edit of the text cannot move. */
function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === "span" ? [] : [[k, withoutSpans(v)]])));
}

/** Every what-if the language allows an interface: its data paths, each vSwitch of its host by name, the drivers. */
function allowedWhatIfs(model: Topology, iface: Iface): WhatIf[] {
  const out: WhatIf[] = possiblePaths(model, iface).map((p) => ({ iface: iface.id, path: p }));
  if (iface.owner.kind !== "host") for (const s of model.lookup.hosts.get(iface.host)!.vswitches) out.push({ iface: iface.id, path: "vswitch", vswitch: s.name });
  out.push({ iface: iface.id, driver: "kernel" }, { iface: iface.id, driver: "dpdk" });
  return out;
}

/** How the file refers to a PF from inside its host: `nic.pf`. */
function pfRef(model: Topology, pfId: string): string {
  const pf = model.lookup.pfs.get(pfId)!;
  return `${model.lookup.nics.get(pf.nic)!.name}.${pf.name}`;
}

interface Edit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The edit of the text that does what `whatIf` does; undefined when the what-if leaves the text as it is. */
function editFor(model: Topology, whatIf: WhatIf): Edit | undefined {
  const iface = model.lookup.ifaces.get(whatIf.iface)!;
  const attach = iface.spans.attrs["attach"]!;
  if ("driver" in whatIf) {
    const written = iface.spans.attrs["driver"];
    if (written !== undefined) return { file: written.file, start: written.start, end: written.end, text: whatIf.driver };
    return { file: attach.file, start: attach.end, end: attach.end, text: `  driver = ${whatIf.driver}` };
  }
  const a = iface.attachment;
  let text: string;
  if (whatIf.vswitch !== undefined) text = `vswitch(${whatIf.vswitch})`;
  else if (whatIf.path === a.kind) return undefined;
  else if (whatIf.path === "vswitch") text = `vswitch(${model.lookup.vswitchByUplink.get(a.kind === "vswitch" ? "" : a.pf)!.name})`;
  else {
    const pf = a.kind === "vswitch" ? model.lookup.vswitches.get(a.vswitch)!.uplinks[0]! : a.pf;
    text = `${whatIf.path}(${pfRef(model, pf)})`;
  }
  return { file: attach.file, start: attach.start, end: attach.end, text };
}

/** The sample files with the edits applied (several in one file: from the last back, so offsets hold). */
function edited(edits: readonly Edit[]): Record<string, string> {
  const files = { ...SAMPLE_FILES };
  for (const e of [...edits].sort((x, y) => y.start - x.start)) {
    const text = files[e.file]!;
    files[e.file] = text.slice(0, e.start) + e.text + text.slice(e.end);
  }
  return files;
}

/**
 * The interfaces by declaration (the text of their `attach`), in model order: one for most, every instance
 * for a replicated VM's or a template's.
 */
function byDeclaration(model: Topology): Iface[][] {
  const groups = new Map<string, Iface[]>();
  for (const f of model.ifaces) {
    const s = f.spans.attrs["attach"]!;
    const key = `${s.file}:${s.start}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [f]);
    else group.push(f);
  }
  return [...groups.values()];
}

/** A MODE for one declaration: the what-if for each of its instances. */
type Change = readonly WhatIf[];

function changesOf(model: Topology): Change[] {
  return byDeclaration(model).flatMap((group) => allowedWhatIfs(model, group[0]!).map((w) => group.map((f): WhatIf => ({ ...w, iface: f.id }))));
}

/** The same run two ways: what-ifs on the sample, and the sample edited. Returns whether it compared IRs. */
function expectSameAsEdited(entry: string, model: Topology, whatIfs: readonly WhatIf[]): boolean {
  const byWhatIf = programOf(entry, SAMPLE_FILES, whatIfs);
  // Instances of one declaration make the same edit: once.
  const edits = [...new Map(whatIfs.flatMap((w) => editFor(model, w) ?? []).map((e) => [`${e.file}:${e.start}`, e])).values()];
  const byEdit = programOf(entry, edited(edits), []);
  const label = `${entry} with ${whatIfs.map((w) => `${w.iface}=${whatIfMode(w)}`).join(", ")}`;
  const editErrors = byEdit.diagnostics.filter((d) => d.severity === "error");
  const lowering = byWhatIf.lowering();
  if (editErrors.length > 0) {
    // The edited file is refused: so is the what-if, by reattach or by the rules' second run.
    const refused = !lowering.ok && lowering.reason === "what-if" ? lowering.message : byWhatIf.hasErrors ? "rules" : undefined;
    expect(refused, `${label}: the edited file has errors (${editErrors.map((d) => d.message).join("; ")}), the what-if does not`).toBeDefined();
    // An error resolution gives (not a rule's): the what-if says the same.
    for (const d of editErrors) if (d.rule === "invalid-value" && refused !== "rules") expect(refused, label).toContain(d.message);
    return false;
  }
  expect(byWhatIf.hasErrors, `${label}: ${byWhatIf.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; ")}`).toBe(false);
  if (!lowering.ok) throw new Error(`${label}: ${JSON.stringify(lowering)}`);
  const lowered = byEdit.lowering();
  if (!lowered.ok) throw new Error(`${label} (edited): ${JSON.stringify(lowered)}`);
  expect(withoutSpans(lowering.ir), label).toEqual(withoutSpans(lowered.ir));
  expect(withoutSpans(lowering.omitted), label).toEqual(withoutSpans(lowered.omitted));
  return true;
}

/** Every sample that checks without errors, with its model and the changes the language allows in it. */
const cases = Object.keys(SAMPLE_FILES).flatMap((entry) => {
  const program = programOf(entry, SAMPLE_FILES);
  if (program.hasErrors || program.model!.ifaces.length === 0) return [];
  const model = program.model!;
  return [{ entry, model, changes: changesOf(model) }];
});

describe("a what-if lowers as the file edited that way", () => {
  it("covers the samples, with what-ifs of every kind", () => {
    expect(cases.map((c) => c.entry)).toEqual(Object.keys(SAMPLE_FILES).filter((f) => f !== "mistakes.sriov" && f !== "imports/templates.sriov"));
    const kinds = new Set(cases.flatMap((c) => c.changes.flat().map((w) => ("driver" in w ? w.driver : w.vswitch !== undefined ? "vswitch(NAME)" : w.path))));
    expect([...kinds].sort()).toEqual(["dpdk", "kernel", "pf", "vdpa", "vf", "vmdq", "vswitch", "vswitch(NAME)"]);
  });

  for (const { entry, model, changes } of cases) {
    it(`${entry}: each what-if alone (every instance of a replicated declaration)`, () => {
      let compared = 0;
      for (const change of changes) if (expectSameAsEdited(entry, model, change)) compared++;
      expect(compared).toBeGreaterThan(0);
    });
  }

  it("several what-ifs at once (a property)", () => {
    const withChanges = cases.filter((c) => c.changes.length > 1);
    // At most one data path and one driver per interface, as `--what-if` takes them.
    const kindOf = (change: Change): string => `${change[0]!.iface}\u0000${"driver" in change[0]! ? "driver" : "path"}`;
    const scenario = fc.integer({ min: 0, max: withChanges.length - 1 }).chain((i) =>
      fc.record({ sample: fc.constant(i), changes: fc.uniqueArray(fc.constantFrom(...withChanges[i]!.changes), { minLength: 2, maxLength: 4, selector: kindOf }) }),
    );
    fc.assert(
      fc.property(scenario, ({ sample, changes }) => {
        const { entry, model } = withChanges[sample]!;
        expectSameAsEdited(entry, model, changes.flat());
      }),
      propertyRuns(60, 20261203),
    );
  });
});
