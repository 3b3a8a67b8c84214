/**
 * The language server's analysis after a run of edits (each file parsed once per text, the analytic
 * estimate's parts reused from earlier edits) equals a check from scratch of the same texts: the same
 * diagnostics as `sriovc check` lists them (checkEntries), and the same analytic figures as the whole
 * estimate of the program. Random edits of the samples (numbers changed, scaled up a thousandfold so
 * that the analysis rules fire, lines deleted, duplicated or blanked), of the importer and of the import.
 * And the estimate is not made at all when the rules that read it are off.
 *
 * The resolution of hosts is kept between edits too (src/semantics/resolve-cache.ts): an import whose
 * hosts take templates from the importer and reference names of the shared top scope, under edits of the
 * importer that change those templates and names and move text, checks that what is reused is reused
 * only while it is what a resolution from scratch would make.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { EstimateCache } from "../../src/driver/estimate-parts.js";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram, type Settings } from "../../src/driver/program.js";
import { checkEntries, openWorkspace } from "../../src/driver/workspace.js";
import { Project } from "../../src/lsp/project.js";
import type { RuleSettings } from "../../src/rules/registry.js";
import { estimate, type Estimate } from "../../src/sim/analytic.js";
import { buildPlan } from "../../src/sim/plan.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../samples");

/** A copy of the samples (the import under `imports/`), so that files on disk are as the tests expect. */
function samplesCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
  cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

type Edit =
  | { readonly kind: "number"; readonly line: number; readonly value: number }
  | { readonly kind: "scale"; readonly line: number }
  | { readonly kind: "delete"; readonly line: number }
  | { readonly kind: "duplicate"; readonly line: number }
  | { readonly kind: "blank"; readonly line: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("number" as const), line: fc.nat(), value: fc.integer({ min: 0, max: 70 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("scale" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("blank" as const), line: fc.nat() }) },
);

/** The edit on a text; numbers are edited on the nearest line at or after `line` that has one. */
function apply(text: string, e: Edit): string {
  const lines = text.split("\n");
  const at = e.line % lines.length;
  if (e.kind === "delete") lines.splice(at, 1);
  else if (e.kind === "duplicate") lines.splice(at, 0, lines[at]!);
  else if (e.kind === "blank") lines.splice(at, 0, "");
  else {
    for (let k = 0; k < lines.length; k++) {
      const i = (at + k) % lines.length;
      const line = lines[i]!;
      const match = /\d+/.exec(line);
      if (match === null || line.trimStart().startsWith("import")) continue;
      const replacement = e.kind === "number" ? String(e.value) : `${match[0]}000`;
      lines[i] = line.slice(0, match.index) + replacement + line.slice(match.index + match[0].length);
      break;
    }
  }
  return lines.join("\n");
}

/** The figures by what they describe (order and indices differ between the whole plan and the parts). */
function figures(e: Estimate | undefined) {
  if (e === undefined) return undefined;
  const key = (s: string[]): string => s.join("#");
  return {
    cores: e.cores.map((c) => ({ ...c })).sort((a, b) => (key([a.host, String(a.core).padStart(6)]) < key([b.host, String(b.core).padStart(6)]) ? -1 : 1)),
    links: [...e.links].sort((a, b) => (key([a.pf, a.kind]) < key([b.pf, b.kind]) ? -1 : 1)),
    interfaces: e.interfaces
      .map((f) => ({ ...f, queues: f.queues.map((q) => ({ ...q, core: `${e.cores[q.core]!.host}#${e.cores[q.core]!.core}` })) }))
      .sort((a, b) => (key([a.id, a.direction]) < key([b.id, b.direction]) ? -1 : 1)),
  };
}

/**
 * Diagnostics as `sriovc check --format json` writes them: a span's line and column are getters (worked
 * out from its file's text), which toEqual alone would not compare.
 */
function plain(diagnostics: readonly Diagnostic[]): unknown {
  return JSON.parse(JSON.stringify(diagnostics));
}

/** `sriovc check FILE` from scratch, run in `cwd` with the texts given. */
function fromScratch(cwd: string, file: string, texts: ReadonlyMap<string, string>, settings: Settings) {
  const host = createHost({ cwd });
  for (const [name, text] of texts) host.setFile(name, text);
  const checked = checkEntries([file], { host, settings });
  const ir = checked.programs[0]?.ir;
  return { diagnostics: checked.diagnostics, figures: figures(ir === undefined ? undefined : estimate(buildPlan(ir))) };
}

describe("an analysis after edits equals a check from scratch", () => {
  const roots = readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".sriov"))
    .map((f) => path.join(SAMPLES, f));
  roots.push(path.join(SAMPLES, "imports", "rack.sriov"));

  it("over random edits of the samples, the importer and the import", () => {
    fc.assert(
      fc.property(fc.constantFrom(...roots.map((r) => path.relative(SAMPLES, r))), fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 8 }), (name, edits) => {
        const dir = samplesCopy();
        const root = path.join(dir, name);
        const imported = path.join(dir, "imports", "templates.sriov");
        const settings: Settings = { rules: {} };
        const project = new Project({ folderOf: () => dir, settingsFor: () => settings });
        const texts = new Map<string, string>([[root, readFileSync(root, "utf8")]]);
        project.setOverlay(root, texts.get(root)!);
        project.analyze(root);
        for (const [e, onImport] of edits) {
          // The import is edited only where the root imports it (rack.sriov); elsewhere the root is.
          const target = onImport && name.startsWith("imports") ? imported : root;
          const before = texts.get(target) ?? readFileSync(target, "utf8");
          const after = apply(before, e);
          texts.set(target, after);
          project.setOverlay(target, after);
          const analysis = project.analyze(root);
          const scratch = fromScratch(dir, root, texts, settings);
          expect(plain(analysis.diagnostics)).toEqual(plain(scratch.diagnostics));
          expect(figures(analysis.program?.figures)).toEqual(scratch.figures);
        }
      }),
      { numRuns: 60, seed: 20261130 },
    );
  }, 120_000);

  it("over edits of the bench's generated topology that raise and clear analysis findings", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
    const file = path.join(dir, "main.sriov");
    let text = generateTopology({ lines: 1500 }).source;
    const settings: Settings = { rules: {} };
    const project = new Project({ folderOf: () => dir, settingsFor: () => settings });
    project.setOverlay(file, text);
    project.analyze(file);
    const rates = [...text.matchAll(/rate = (\d+)(\w+)/g)].slice(0, 6);
    expect(rates.length).toBeGreaterThan(3);
    let analysisFindings = 0;
    for (const [k, match] of rates.entries()) {
      // A rate a thousand times higher (findings appear), then the next edit puts the previous one back.
      text = text.replace(match[0], `rate = ${match[1]}000${match[2]}`);
      if (k > 0) text = text.replace(`rate = ${rates[k - 1]![1]}000${rates[k - 1]![2]}`, rates[k - 1]![0]);
      project.setOverlay(file, text);
      const analysis = project.analyze(file);
      const scratch = fromScratch(dir, file, new Map([[file, text]]), settings);
      expect(plain(analysis.diagnostics)).toEqual(plain(scratch.diagnostics));
      expect(figures(analysis.program?.figures)).toEqual(scratch.figures);
      analysisFindings += analysis.diagnostics.filter((d) => ["interrupt-storm", "cpu-saturated", "link-oversubscribed"].includes(d.rule)).length;
    }
    expect(analysisFindings).toBeGreaterThan(0);
  }, 60_000);
});

describe("the analytic estimate is made only when a rule that reads it is enabled", () => {
  const ANALYSIS_RULES = ["interrupt-storm", "cpu-saturated", "link-oversubscribed"];
  const dir = path.resolve("/virtual/incremental");
  const file = path.join(dir, "t.sriov");
  const source = generateTopology({ lines: 1500 }).source;

  const estimatedParts = (rules: RuleSettings): number => {
    const host = createHost({ cwd: dir });
    host.setFile(file, source);
    const estimates = new EstimateCache();
    const program = new CompiledProgram(openWorkspace([file], { host }).programs[0]!.program, { rules }, { estimates });
    expect(program.diagnostics).toBeDefined();
    return estimates.estimatedParts;
  };

  it("is not made with the three analysis rules off", () => {
    expect(estimatedParts(Object.fromEntries(ANALYSIS_RULES.map((id) => [id, "off" as const])))).toBe(0);
  });

  it.each(ANALYSIS_RULES)("is made when only %s is on", (id) => {
    const rules: RuleSettings = Object.fromEntries(ANALYSIS_RULES.map((other) => [other, other === id ? ("warning" as const) : ("off" as const)]));
    expect(estimatedParts(rules)).toBeGreaterThan(0);
  });
});

/**
 * An import whose hosts read the importer: `a` and the replicas `r1`, `r2` take the template `small_vm`
 * (declared in the importer; `a.web` also merges the template's interface with its own), and `d`'s
 * interface names the PF of `b`, a host of the importer, so its reference looks into the top scope.
 */
const LIB = `host a {
  cores = 8
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 4
    }
  }
  vm web : small_vm {
    iface eth0 {
      attach = vf(x710.pf0)
    }
  }
  vm db {
    vcpus = 2
    iface eth0 {
      attach = vf(x710.pf0)
    }
  }
}

host r[1..2] {
  cores = 4
  nic x710 {
    pf pf0 {
      vfs = 2
    }
  }
  vm v : small_vm {
    iface eth0 {
      attach = vf(x710.pf0)
    }
  }
}

host d {
  cores = 4
  nic x710 {
    pf pf0 {
      vfs = 2
    }
  }
  vm v {
    iface eth0 {
      attach = vf(b.x710.pf0)
    }
  }
}
`;

interface Importer {
  /** Text before the template: 2 × shift blank lines, or as many characters of comment on one line (same offsets, other lines). */
  readonly shift: number;
  readonly gap: "blank" | "comment";
  /** The template's kind and name as declared (a `host` template or another name: `small_vm` is unknown). */
  readonly templateKind: "vm" | "host";
  readonly templateName: "small_vm" | "tiny_vm";
  readonly vcpus: number;
  /** The template's own interface: `eth0` merges into `a.web`'s, `eth1` is added beside it. */
  readonly templateIface: "none" | "eth0" | "eth1";
  readonly vlan: number;
  /** The importer's host: `b` is what `d` names; `x710` clashes with nothing; `a` duplicates the import's. */
  readonly hostName: "b" | "bb" | "x710" | "a";
  /** Its PF's VFs: 5000 is more than the NIC can have (a finding located in the importer's host). */
  readonly vfs: 2 | 5000;
}

const importer: fc.Arbitrary<Importer> = fc.record({
  shift: fc.integer({ min: 0, max: 2 }),
  gap: fc.constantFrom("blank" as const, "comment" as const),
  templateKind: fc.constantFrom("vm" as const, "host" as const),
  templateName: fc.constantFrom("small_vm" as const, "tiny_vm" as const),
  vcpus: fc.integer({ min: 0, max: 12 }),
  templateIface: fc.constantFrom("none" as const, "eth0" as const, "eth1" as const),
  vlan: fc.integer({ min: 0, max: 5000 }),
  hostName: fc.constantFrom("b" as const, "bb" as const, "x710" as const, "a" as const),
  vfs: fc.constantFrom(2 as const, 5000 as const),
});

function importerText(i: Importer): string {
  const iface = i.templateIface === "none" ? "" : `  iface ${i.templateIface} {\n    vlan = ${i.vlan}\n    attach = vf(x710.pf0)\n  }\n`;
  return [
    `import "lib.sriov"`,
    i.gap === "blank" ? "\n".repeat(2 * i.shift) : "//".repeat(i.shift),
    `template ${i.templateKind} ${i.templateName} {\n  vcpus = ${i.vcpus}\n${iface}}`,
    `host ${i.hostName} {\n  cores = 4\n  nic x710 {\n    pf pf0 {\n      vfs = ${i.vfs}\n    }\n  }\n}`,
    `traffic t {\n  to = a.db.eth0\n  rate = 1Mpps\n}\n`,
  ].join("\n");
}

describe("hosts resolved in earlier edits are reused only while unchanged", () => {
  it("over edits of an importer that change the templates and top-level names its import reads, and of the import", () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(importer, fc.tuple(edit)), { minLength: 1, maxLength: 8 }), (steps) => {
        const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
        const root = path.join(dir, "main.sriov");
        const lib = path.join(dir, "lib.sriov");
        const settings: Settings = { rules: {} };
        const project = new Project({ folderOf: () => dir, settingsFor: () => settings });
        const texts = new Map<string, string>([
          [lib, LIB],
          [root, importerText({ shift: 0, gap: "blank", templateKind: "vm", templateName: "small_vm", vcpus: 2, templateIface: "none", vlan: 0, hostName: "b", vfs: 2 })],
        ]);
        for (const [file, text] of texts) project.setOverlay(file, text);
        project.analyze(root);
        for (const step of steps) {
          // An importer's new text, or an edit of the import's text.
          if (Array.isArray(step)) texts.set(lib, apply(texts.get(lib)!, step[0]));
          else texts.set(root, importerText(step));
          for (const [file, text] of texts) project.setOverlay(file, text);
          const analysis = project.analyze(root);
          const scratch = fromScratch(dir, root, texts, settings);
          expect(plain(analysis.diagnostics)).toEqual(plain(scratch.diagnostics));
          expect(figures(analysis.program?.figures)).toEqual(scratch.figures);
        }
        reused += project.resolveStats.reused;
      }),
      { numRuns: 80, seed: 20261130 },
    );
    // Not vacuous: unchanged hosts were taken from earlier edits.
    expect(reused).toBeGreaterThan(0);
  }, 120_000);

  it("takes every host of an unchanged import and of the edited file's untouched text from the cache", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
    const root = path.join(dir, "main.sriov");
    const lib = path.join(dir, "lib.sriov");
    const settings: Settings = { rules: {} };
    const project = new Project({ folderOf: () => dir, settingsFor: () => settings });
    const base: Importer = { shift: 0, gap: "blank", templateKind: "vm", templateName: "small_vm", vcpus: 2, templateIface: "none", vlan: 0, hostName: "b", vfs: 2 };
    project.setOverlay(lib, LIB);
    project.setOverlay(root, importerText(base));
    project.analyze(root);
    // a, r1, r2, d, b resolved; d's reference looks into the top scope, so d is never kept.
    expect(project.resolveStats).toEqual({ reused: 0, resolved: 5 });
    // The template's text changes (same length, same place): a, r1 and r2 take it and are resolved again;
    // b's text and place are unchanged, so it is reused.
    const changed = importerText({ ...base, vcpus: 3 });
    project.setOverlay(root, changed);
    project.analyze(root);
    expect(project.resolveStats).toEqual({ reused: 1, resolved: 9 });
    // Only the importer's host changes: a, r1 and r2 are reused; b and d resolved.
    project.setOverlay(root, changed.replace("cores = 4", "cores = 5"));
    project.analyze(root);
    expect(project.resolveStats).toEqual({ reused: 4, resolved: 11 });
    // The same text at the same offsets but on other lines (two blank lines become a two-character
    // comment): b's finding must move with it.
    const lines = { ...base, shift: 1, vfs: 5000 } as const;
    for (const gap of ["blank", "comment", "blank"] as const) {
      const text = importerText({ ...lines, gap });
      project.setOverlay(root, text);
      const scratch = fromScratch(dir, root, new Map([[lib, LIB], [root, text]]), settings);
      expect(scratch.diagnostics.some((d) => d.span.file === "main.sriov" && d.rule === "vf-count-exceeds-max")).toBe(true);
      expect(plain(project.analyze(root).diagnostics)).toEqual(plain(scratch.diagnostics));
    }
  });
});
