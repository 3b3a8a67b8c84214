/**
 * A one-shot check of one large file resolves it while it is parsed (`LoadOptions.resolveWhileParsing`,
 * `StreamedResolution`): each host and traffic block as soon as its part is parsed, its syntax let go then.
 * Nothing may change for it: the diagnostics (as `check --format json` writes them), the model, the IR and
 * the analysis are those of the editor's path, which keeps every tree and resolves the whole program at
 * once — on generated topologies cut into parts of many sizes, on the samples, on inputs where the file
 * must be resolved the usual way after all (templates declared after their users, imports, syntax errors
 * mid-file, hosts that look outside themselves), and on random mutations of all of them.
 */
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { mutate, rng } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { checkEntries, dedupe } from "../../src/driver/workspace.js";
import { loadWorkspace, STDIN_PATH } from "../../src/semantics/loader.js";
import { StreamedResolution } from "../../src/semantics/resolve.js";
import type { Block, Template } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/parse.js";
import { AttributeTable } from "../../src/semantics/templates.js";
import { suggestionWorkLeft } from "../../src/semantics/suggest.js";
import { REPO } from "../helpers/cli.js";
import { propertyRuns } from "../helpers/property.js";

const SAMPLES = path.join(REPO, "samples");
const samples = readdirSync(SAMPLES, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".sriov") && !f.includes("imports"))
  .map((f) => readFileSync(path.join(SAMPLES, f), "utf8"));
const generated = generateTopology({ lines: 2500 }).source;
const varied = generateTopology({ lines: 2500, varied: true }).source;

/** The model as data (its lookup tables are Maps). */
function modelJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}

/** What a check of `text` shows, and what it made: on the editor's path (trees kept, whole program resolved). */
function kept(text: string): { diagnostics: string; model: string; ir: string; analysis: string; work: number } {
  const result = checkEntries([STDIN_PATH], { host: createHost({ cwd: REPO }), stdin: text });
  // What is left of the run's budget for "did you mean" once it is checked.
  const work = suggestionWorkLeft();
  const program = result.programs[0]!;
  expect(program.program.resolved).toBeUndefined();
  return { diagnostics: JSON.stringify(result.diagnostics), model: modelJson(program.model), ir: JSON.stringify(program.ir), analysis: JSON.stringify(program.analysis()), work };
}

/** The same, resolved while parsed in parts of `partChars`; `streamed`: whether it was (else it fell back). */
function streamed(text: string, partChars: number): { diagnostics: string; model: string; ir: string; analysis: string; work: number; streamed: boolean; trees: number } {
  const { workspace } = loadWorkspace([STDIN_PATH], { cwd: REPO, stdin: text, parse: undefined, resolveWhileParsing: { partChars } });
  const loaded = workspace.programs[0]!;
  const program = new CompiledProgram(loaded);
  const file = [...workspace.files.values()][0]!;
  // As the driver lists them (checkEntriesWith): deduplicated and sorted; no file here has 200 of them.
  const diagnostics = JSON.stringify(sortDiagnostics(dedupe(program.diagnostics)));
  return {
    diagnostics,
    work: suggestionWorkLeft(),
    model: modelJson(program.model),
    ir: JSON.stringify(program.ir),
    analysis: JSON.stringify(program.analysis()),
    streamed: loaded.resolved !== undefined,
    trees: file.ast.items.length,
  };
}

function same(text: string, partChars: number): boolean {
  const a = kept(text);
  const b = streamed(text, partChars);
  expect(b.diagnostics).toBe(a.diagnostics);
  expect(b.model).toBe(a.model);
  expect(b.ir).toBe(a.ir);
  expect(b.analysis).toBe(a.analysis);
  // A traffic block read early and again at the end spent nothing more of the budget.
  expect(b.work).toBe(a.work);
  return b.streamed;
}

const HOSTS = `host a {
  cores = 8
  nic n { model = "intel-x710"  pf p0 { vfs = 4 } }
  vm v : small { iface eth0 { attach = vf(n.p0) } }
}
`;
const TEMPLATE = "template vm small {\n  vcpus = 2\n}\n";
const TRAFFIC = "traffic t {\n  to = a.v.eth0\n  rate = 1Mpps\n}\n";

describe("a one-shot check resolves a large file while it parses it", () => {
  it("generated topologies, cut into parts of many sizes: resolved in parts, the same as the editor's path", () => {
    for (const text of [generated, varied]) {
      for (const partChars of [64, 500, 3000, 12_000]) expect(same(text, partChars), `${partChars}`).toBe(true);
      // The trees are gone but the first item (suppressions read where it starts).
      expect(streamed(text, 500).trees).toBe(1);
    }
  });

  it("the samples (suppressions, templates, traffic, errors of every kind)", () => {
    for (const text of samples) same(text, 64);
  });

  it("what a part cannot know yet: later templates and imports fall back, forward traffic is read at the end", () => {
    // A template after its user: the whole file is resolved the usual way.
    expect(same(`${HOSTS}${TRAFFIC}${TEMPLATE}`, 40)).toBe(false);
    // An unknown template (misspelt), declared before: resolved in parts, with its suggestion.
    expect(same(`${TEMPLATE}${HOSTS.replace(": small", ": smal")}`, 40)).toBe(true);
    // Traffic before the host it names: read at the end, against every host.
    expect(same(`${TEMPLATE}${TRAFFIC}${HOSTS}`, 40)).toBe(true);
    // Traffic naming nothing (a typo): its suggestion comes from the whole top scope.
    expect(same(`${TEMPLATE}${HOSTS}${TRAFFIC.replace("a.v.eth0", "b.v.eth0")}${HOSTS.replace("host a", "host b").replace("vm v", "vm w")}`, 40)).toBe(true);
    // An import: the program holds other files.
    expect(same(`import "./missing.sriov"\n${TEMPLATE}${HOSTS}`, 40)).toBe(false);
    // A host naming another host's PF looks outside itself.
    const outside = `${TEMPLATE}${HOSTS}${HOSTS.replace("host a", "host b").replace("vf(n.p0)", "vf(a.n.p0)")}`;
    expect(same(outside, 40)).toBe(false);
    // … and one naming a host declared after it (not yet declared when its part is read).
    const forward = `${TEMPLATE}${HOSTS.replace("vf(n.p0)", "vf(b.n.p0)")}${HOSTS.replace("host a", "host b")}`;
    expect(same(forward, 40)).toBe(false);
    // Duplicate hosts in different parts, replicated hosts, two simulation blocks.
    const sim = "simulation {\n  duration = 1ms\n}\n";
    // (A template after a `simulation` block: no block before it could use it.)
    expect(same(`${sim}${TEMPLATE}${HOSTS}${sim}${HOSTS.replace("host a", "host a[1..3]")}${HOSTS}${TRAFFIC}`, 40)).toBe(true);
  });

  it("a syntax error mid-file: parsed whole, with recovery, every diagnostic as before", () => {
    const middle = generated.indexOf("\nhost ", generated.length / 2);
    const bad = `${generated.slice(0, middle)}\nhost broken {\n  cores: 8\n}\n${generated.slice(middle)}`;
    expect(same(bad, 300)).toBe(false);
  });

  it("mutated inputs: the same diagnostics, model, IR and analysis as the editor's path", () => {
    const seeds = [generated, ...samples, `${TEMPLATE}${HOSTS}${TRAFFIC}`];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(40, 300, 2000), (which, seed, partChars) => {
        const r = rng(seed);
        const text = mutate(r, seeds[which]!);
        same(text, partChars);
      }),
      propertyRuns(60, 1806),
    );
  });
});

describe("what a resolved host leaves of its syntax (StreamedResolution.add)", () => {
  const text = `template vm small {\n  vcpus = 2\n  iface eth0 { attach = vf(n.p0) }\n}\n${HOSTS.replace("host a", "host a[1..2]")}${TRAFFIC.replace("a.v", "a1.v")}`;
  const file = parseSource(text, STDIN_PATH, 1 << 20);
  const items = file.ast.items;
  const template = items[0] as Template;
  const host = items[1] as Block;
  const resolution = new StreamedResolution({ ...file.ast, items: [] }, text);
  const nested = (block: Block): Block[] => block.members.filter((m): m is Block => m.kind === "Block");
  const nic = nested(host)[0]!;
  const vm = nested(host)[1]!;

  it("the blocks nested in a host hold no members once every replica is read; the host's own list and the template stay", () => {
    expect(file.diagnostics).toEqual([]);
    const release = vi.spyOn(AttributeTable.prototype, "release");
    expect(resolution.add(items)).toBe(true);
    // Every declaration's table let go once read: per replica its NIC, PF, VM and interface; the replicas'
    // shared host table once; the traffic's.
    expect(release).toHaveBeenCalledTimes(10);
    release.mockRestore();
    const resolved = resolution.finish()!;
    // Both replicas were read from the same blocks, then the blocks were emptied.
    expect(resolved.model.pfs.map((p) => [p.id, p.vfs])).toEqual([
      ["a1.n.p0", 4],
      ["a2.n.p0", 4],
    ]);
    expect(resolved.model.vms.map((v) => [v.id, v.vcpus, v.ifaces.map((i) => i.id)])).toEqual([
      ["a1.v", 2, ["a1.v.eth0"]],
      ["a2.v", 2, ["a2.v.eth0"]],
    ]);
    expect(resolved.model.traffic.map((t) => t.id)).toEqual(["t"]);
    expect(nic.members).toEqual([]);
    expect(vm.members).toEqual([]);
    expect(host.members.map((m) => m.kind)).toEqual(["Attribute", "Block", "Block"]);
    // A template's blocks are merged into every later user's: never emptied.
    expect(nested(template as unknown as Block).map((b) => b.members.length)).toEqual([1]);
  });
});
