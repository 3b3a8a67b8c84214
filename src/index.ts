/**
 * The public API of the `sriovc` package: `check`, `compile`, `simulate` and `format`, each a thin call
 * into the compiler driver (src/driver/), which the CLI and an editor use too. docs/API.md has an example
 * of each; the driver's own pieces (`createHost`, `openWorkspace`, `CompiledProgram`, `EstimateCache`) are
 * exported for tools that keep programs open, such as a language server.
 */
import * as path from "node:path";
import { sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { createHost, withTexts, type CompilerHost } from "./driver/host.js";
import type { Settings } from "./driver/program.js";
import { noProgramMessage, settingsProblem } from "./driver/entries.js";
import { checkEntries } from "./driver/workspace.js";
import type { Ir } from "./lower/ir.js";
import type { Omission } from "./lower/lower.js";
import { parseWhatIfList, whatIfMode, type WhatIf } from "./lower/what-if.js";
import { runSettingsProblem } from "./sim/run-args.js";
import type { RuleSettings } from "./rules/registry.js";
import type { RunSettings } from "./sim/simulate.js";
import type { SimReport } from "./sim/report.js";

export type { Diagnostic, Fix, RelatedSpan, Severity, TextEdit } from "./diagnostics/diagnostic.js";
/** A language server's code actions: a diagnostic's `fixes`, applied with these (what `check --fix` does). */
export { applyEdits, chooseFixes } from "./diagnostics/fixes.js";
export type { Span } from "./syntax/span.js";
export type { Ir } from "./lower/ir.js";
export type { Omission } from "./lower/lower.js";
export type { WhatIf } from "./lower/what-if.js";
export type { SimReport } from "./sim/report.js";
export type { Estimate } from "./sim/analytic.js";
export type { Topology } from "./semantics/model.js";
export type { RuleSettings } from "./rules/registry.js";
export type { FormatOptions } from "./format/format.js";
export { createHost, type CompilerHost, type HostOptions } from "./driver/host.js";
export { CompiledProgram, type Compiled, type Lowering, type ProgramCaches, type Settings } from "./driver/program.js";
export { EstimateCache } from "./driver/estimate-parts.js";
export { checkEntries, openWorkspace, type CheckResult, type OpenOptions } from "./driver/workspace.js";
export { DATA_PATHS, FEATURES, HYPERVISORS, VSWITCH_TYPES, type DataPath, type Feature, type Hypervisor, type VswitchType } from "./domain/enums.js";

export interface Options {
  /** Directory that relative paths resolve against and diagnostics are shown relative to; default: the `host`'s, else `process.cwd()`. */
  readonly cwd?: string;
  /** Rule id → `error`, `warning`, `info` or `off` (as `rules` in sriovc.json). */
  readonly rules?: RuleSettings;
  /** The cost profile when the source names none (as `profile` in sriovc.json). */
  readonly profile?: string;
  /** Texts by path that win over the disk (unsaved buffers, generated sources); paths as in `files`. */
  readonly sources?: Readonly<Record<string, string>>;
  /** A host to share parsed files across calls (see `createHost`); one per call when left out. */
  readonly host?: CompilerHost;
}

export interface CheckOutcome {
  /** True when there is no error (warnings allowed), as `sriovc check` exits 0. */
  readonly ok: boolean;
  /** Every diagnostic of every program, deduplicated and sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

export type CompileOutcome =
  | { readonly ok: true; readonly ir: Ir; readonly warnings: readonly Diagnostic[]; readonly omitted: readonly Omission[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly message?: string };

export interface SimulateOptions extends Options, RunSettings {
  /** Interfaces re-attached for this run: `{ iface: "h1.web1.eth0", path: "vf" }` or `"h1.web1.eth0=vf"`. */
  readonly whatIfs?: readonly (WhatIf | string)[];
}

export type SimulateOutcome =
  | { readonly ok: true; readonly report: SimReport; readonly ir: Ir; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly message?: string };

function open(files: string | readonly string[], options: Options, whatIfs: readonly WhatIf[] = []) {
  // sriovc.json's `rules` and `profile` are checked as the file is read; these come from code, so before
  // anything is read (the same check as the driver's, which every opening of a workspace makes).
  const problem = settingsProblem({ ...(options.rules === undefined ? {} : { rules: options.rules }), ...(options.profile === undefined ? {} : { profile: options.profile }) });
  if (problem !== undefined) throw new Error(problem);
  // A host names files relative to its own cwd: relative entries resolve there too, unless told otherwise.
  const cwd = options.cwd ?? options.host?.cwd ?? process.cwd();
  const sources = new Map(Object.entries(options.sources ?? {}).map(([file, text]) => [path.resolve(cwd, file), text]));
  const host = withTexts(options.host ?? createHost({ cwd }), sources);
  const entries = (typeof files === "string" ? [files] : files).map((file) => path.resolve(cwd, file));
  const settings: Settings = { ...(options.rules === undefined ? {} : { rules: options.rules }), ...(options.profile === undefined ? {} : { profile: options.profile }), whatIfs };
  // A host made for this call: its syntax trees go once the programs are resolved (`oneShot`).
  const result = checkEntries(entries, { host, settings, oneShot: options.host === undefined });
  if (result.entryErrors.length > 0) {
    const first = result.entryErrors[0]!;
    throw new Error(`cannot read '${first.path}': ${first.reason}`);
  }
  return result;
}

/** Checks `.sriov` files (each with what it imports): every diagnostic `sriovc check` prints. */
export function check(files: string | readonly string[], options: Options = {}): CheckOutcome {
  const { diagnostics } = open(files, options);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  return { ok: errorCount === 0, diagnostics, errorCount, warningCount: diagnostics.filter((d) => d.severity === "warning").length };
}

/** Checks and lowers one `.sriov` file to the IR (schema/ir.schema.json), or returns the errors. */
export function compile(file: string, options: Options = {}): CompileOutcome {
  const { program: _program, ...outcome } = compileWith(file, options, []);
  return outcome as CompileOutcome;
}

function compileWith(file: string, options: Options, whatIfs: readonly WhatIf[]): CompileOutcome & { program?: import("./driver/program.js").CompiledProgram } {
  const result = open(file, options, whatIfs);
  const program = result.programs[result.programs.length - 1];
  if (program === undefined) return { ok: false, diagnostics: [], message: noProgramMessage(file) };
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const compiled = program.compile();
  if (!compiled.ok) return { ok: false, diagnostics: sortDiagnostics(compiled.errors), ...(compiled.message === undefined ? {} : { message: compiled.message }) };
  return { ok: true, ir: compiled.ir, warnings: result.diagnostics, omitted: compiled.omitted, program };
}

/** Compiles one `.sriov` file and simulates it (the report `sriovc simulate --format json` prints). */
export function simulate(file: string, options: SimulateOptions = {}): SimulateOutcome {
  const problem = runSettingsProblem(options);
  if (problem !== undefined) throw new RangeError(problem);
  // An object is read as the text it stands for: a mode outside WHAT_IF_MODES is refused as in a string
  // (`{ path: "bogus" }` ran as if the interface kept its attachment).
  const whatIfs = parseWhatIfList((options.whatIfs ?? []).map((w) => (typeof w === "string" ? w : `${w.iface}=${whatIfMode(w)}`)));
  if (typeof whatIfs === "string") throw new Error(`what-if ${whatIfs}`);
  const compiled = compileWith(file, options, whatIfs);
  if (!compiled.ok) return compiled;
  const run: RunSettings = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.durationNs === undefined ? {} : { durationNs: options.durationNs }),
    ...(options.eventBudget === undefined ? {} : { eventBudget: options.eventBudget }),
  };
  const outcome = compiled.program!.simulate(run);
  if (!outcome.ok) return { ok: false, diagnostics: [], message: outcome.message };
  return { ok: true, report: outcome.report, ir: compiled.ir, warnings: compiled.warnings };
}

/** Formats `.sriov` text in the canonical style (prettier with the `sriovc/prettier` plugin). Rejects on a syntax error. */
export async function format(text: string, options: import("./format/format.js").FormatOptions = {}): Promise<string> {
  // Loaded on demand: prettier is large, and only formatting needs it.
  const { formatSource } = await import("./format/format.js");
  return formatSource(text, options);
}
