/**
 * One program (an entry file and its imports) with the settings of a run, and every artifact made from it
 * — resolved model, diagnostics, IR, plan, analytic estimate, simulation — each computed once, when first
 * asked for. The rules get their analysis from the same IR, plan and estimate that `simulate` reports,
 * so `check` and `simulate` cannot disagree (an editor session's programs make the same figures part by
 * part and keep the parts between edits: `figures`, src/driver/estimate-parts.ts).
 */
import { trafficIface } from "../domain/traffic.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Ir } from "../lower/ir.js";
import { lowerModel, type LowerError, type Omission } from "../lower/lower.js";
import { validateIr } from "../lower/validate.js";
import { possiblePaths, reattach, whatIfMode, whatIfTopology, type Reattachments, type WhatIf } from "../lower/what-if.js";
import type { ModelAnalysis } from "../rules/analysis.js";
import { lintProgram } from "../rules/lint.js";
import type { RuleSettings } from "../rules/registry.js";
import type { Program } from "../semantics/loader.js";
import type { Resolved, Topology } from "../semantics/model.js";
import { resolveProgram } from "../semantics/resolve.js";
import type { ResolveCache } from "../semantics/resolve-cache.js";
import { estimate, type Estimate } from "../sim/analytic.js";
import type { RunOptions } from "../sim/engine.js";
import { buildPlan, type Plan } from "../sim/plan.js";
import type { ComparisonRow } from "../sim/report.js";
import { comparisonRows, simulatePlan, withSettings, type PathVariant, type RunSettings, type SimOutcome } from "../sim/simulate.js";
import { runSettingsProblem } from "../sim/run-args.js";
import { analysisOf } from "./analysis.js";
import type { EstimateCache } from "./estimate-parts.js";
import { estimateForRules, figuresForRules } from "./rule-figures.js";

/** What a run is configured with: `sriovc.json` (rule severities, cost profile) and the command line. */
export interface Settings {
  /** Rule id → `error`, `warning`, `info` or `off`. */
  readonly rules?: RuleSettings;
  /** The cost profile when the source's `simulation` block names none. */
  readonly profile?: string;
  /** Interfaces re-attached for this run (`--what-if`), applied in order before lowering. */
  readonly whatIfs?: readonly WhatIf[];
}

export type Lowering =
  | { readonly ok: true; readonly ir: Ir; readonly omitted: readonly Omission[] }
  /** The program has syntax errors: there is no model to lower. */
  | { readonly ok: false; readonly reason: "syntax" }
  /** A what-if names an unknown interface or a data path the interface cannot take. */
  | { readonly ok: false; readonly reason: "what-if"; readonly message: string }
  /** The model holds something the IR cannot express; `check` reports it as an error first. */
  | { readonly ok: false; readonly reason: "model"; readonly errors: readonly LowerError[] };

/**
 * How `compile` hands the IR over. `validate: false` leaves out the check of the IR against its published
 * schema, for a caller that only simulates it (`sriovc simulate`): the IR is then never published, the check
 * costs 10–100 ms of a run (docs/PERFORMANCE.md), and that a clean check lowers to a schema-valid IR is a
 * property the tests hold (test/driver/clean-check.property.test.ts, test/lower/lower-samples.test.ts).
 * `compile` and the API validate.
 */
export interface CompileOptions {
  readonly validate?: boolean;
}

/** `compile`'s answer: the IR, or the errors that stop it (a clean check always compiles). */
export type Compiled =
  | { readonly ok: true; readonly ir: Ir; readonly warnings: readonly Diagnostic[]; readonly omitted: readonly Omission[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly message?: string };

/** What lowering makes of one model with one profile and one list of what-ifs, and what follows from it. */
interface Lowered {
  /** The what-ifs applied to the model: each interface's new attachment and driver, or why they cannot be. */
  moved?: Reattachments;
  /** The model with the what-ifs applied (`whatIfTopology`): what the rules check again and lowering lowers. */
  whatIfModel?: Topology;
  lowering?: Lowering;
  plan?: Plan;
  estimate?: Estimate;
  /** The same figures made part by part (src/driver/estimate-parts.ts), for the rules and an editor. */
  figures?: Estimate;
  analysis?: { readonly value: ModelAnalysis | undefined };
  /** Plans and outcomes of runs with other settings (seed, duration, event budget), by those settings. */
  runs?: Map<string, { readonly plan: Plan; outcome?: SimOutcome }>;
}

// Resolution does not depend on the settings, and lowering only on the profile and the what-ifs: programs
// that share a loaded program (the same files, parsed once by the host) share these, so a change of rule
// severities re-runs only the rules, and a what-if only lowering and what follows.
const resolutions = new WeakMap<Program, Resolved>();
const lowerings = new WeakMap<Topology, Map<string, Lowered>>();

function loweredFor(model: Topology, profile: string | undefined, whatIfs: readonly WhatIf[]): Lowered {
  let byKey = lowerings.get(model);
  if (byKey === undefined) {
    byKey = new Map();
    lowerings.set(model, byKey);
  }
  const key = JSON.stringify([profile ?? null, whatIfs.map((w) => [w.iface, whatIfMode(w)])]);
  let lowered = byKey.get(key);
  if (lowered === undefined) {
    lowered = {};
    byKey.set(key, lowered);
  }
  return lowered;
}

/** What programs made one after another may share (an editor session's): kept by the caller. */
export interface ProgramCaches {
  /** Estimates of the parts of earlier programs' IRs: a part an edit did not change is not estimated again. */
  readonly estimates?: EstimateCache;
  /** Hosts resolved by earlier programs: a host whose declarations an edit did not change is not resolved again. */
  readonly resolutions?: ResolveCache;
}

export class CompiledProgram {
  #resolved: Resolved | undefined;
  #diagnostics: Diagnostic[] | undefined;
  #shared: Lowered | undefined;

  constructor(
    readonly program: Program,
    readonly settings: Settings = {},
    readonly caches: ProgramCaches = {},
  ) {}

  /** Display path of the entry file. */
  get root(): string {
    return this.program.root;
  }

  /** The resolved model; undefined when the program has syntax errors. */
  get model(): Topology | undefined {
    if (this.program.hasSyntaxErrors) return undefined;
    if (this.#resolved === undefined) {
      let resolved = resolutions.get(this.program);
      if (resolved === undefined) {
        // (A program whose file was resolved while it was parsed carries its resolution: its trees are gone.)
        resolved = this.program.resolved ?? resolveProgram(this.program, this.caches.resolutions === undefined ? {} : { cache: this.caches.resolutions });
        resolutions.set(this.program, resolved);
      }
      this.#resolved = resolved;
    }
    return this.#resolved.model;
  }

  /** The artifacts shared by every program on this model with the same profile and what-ifs. */
  #lowered(): Lowered | undefined {
    const model = this.model;
    if (model === undefined) return undefined;
    return (this.#shared ??= loweredFor(model, this.settings.profile, this.settings.whatIfs ?? []));
  }

  /**
   * Load, resolution and rule diagnostics with the configured severities and the files' suppressions. With
   * what-ifs, the declared topology's (its errors are the file's, whatever a run changes), then what the
   * rules find in the topology as the what-ifs make it and not in the declared one, labelled with the
   * what-ifs (`whatIfFindings`): a what-if that turns an interface to DPDK in a pod without hugepages is
   * `dpdk-without-hugepages`, and the run stops on it as on a declared error (docs/SIMULATION.md, "What-ifs").
   */
  get diagnostics(): Diagnostic[] {
    if (this.#diagnostics === undefined) {
      const model = this.model;
      const whatIfs = this.settings.whatIfs ?? [];
      if (model === undefined) this.#diagnostics = [...this.program.diagnostics];
      else if (whatIfs.length > 0) {
        const declared = new CompiledProgram(this.program, { ...this.settings, whatIfs: [] }, this.caches).diagnostics;
        this.#diagnostics = [...declared, ...this.#whatIfFindings(declared)];
      } else this.#diagnostics = this.#lint(model);
    }
    return this.#diagnostics;
  }

  /** The rules on `model` (the declared one, or the what-ifs'), their analysis from this program's lowering. */
  #lint(model: Topology): Diagnostic[] {
    const earlier = [...this.program.diagnostics, ...this.#resolved!.diagnostics];
    return lintProgram({ model, files: this.program.commentedFiles, earlier, analyze: () => this.analysis() }, this.settings.rules);
  }

  /**
   * What the rules find in the topology the what-ifs make and not in the declared one (the same rule,
   * place and message), each led by the run's what-ifs (`what-if h1.pod.eth0=dpdk: …`). Without the fixes:
   * they would edit the file for a change the file does not hold. Not `unused-suppression`: a suppression
   * the declared topology uses is the file's, whatever a what-if does. None when the what-ifs cannot be
   * applied (`compile` says why).
   */
  #whatIfFindings(declared: readonly Diagnostic[]): Diagnostic[] {
    const moved = this.#moved();
    if (moved === undefined || !moved.ok) return [];
    const key = (d: Diagnostic): string => JSON.stringify([d.rule, d.severity, d.span.file, d.span.start, d.span.end, d.message]);
    const known = new Set(declared.map(key));
    const whatIfs = this.settings.whatIfs ?? [];
    const label = `${whatIfs.length === 1 ? "what-if" : "what-ifs"} ${whatIfs.map((w) => `${w.iface}=${whatIfMode(w)}`).join(", ")}: `;
    return this.#lint(this.#whatIfModel()!)
      .filter((d) => d.rule !== "unused-suppression" && !known.has(key(d)))
      .map(({ fixes: _fixes, ...d }) => ({
        ...d,
        message: `${label}${d.message}`,
        ...(d.locations === undefined ? {} : { locations: d.locations.map((f) => ({ ...f, message: `${label}${f.message}` })) }),
      }));
  }

  /**
   * The model as the what-ifs make it (`whatIfTopology`), shared by the rules' second run and lowering, so
   * both see one topology; the declared model without what-ifs. Undefined when the program has syntax
   * errors or a what-if cannot be applied.
   */
  #whatIfModel(): Topology | undefined {
    const moved = this.#moved();
    if (moved === undefined || !moved.ok) return undefined;
    const shared = this.#lowered()!;
    return (shared.whatIfModel ??= whatIfTopology(this.model!, moved));
  }

  /** The what-ifs applied to the model (shared like the lowering); undefined when the program has syntax errors. */
  #moved(): Reattachments | undefined {
    const shared = this.#lowered();
    if (shared === undefined) return undefined;
    return (shared.moved ??= reattach(this.model!, this.settings.whatIfs ?? []));
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** The model lowered with this run's profile and what-ifs (whether or not the program has errors). */
  lowering(): Lowering {
    const shared = this.#lowered();
    if (shared === undefined) return { ok: false, reason: "syntax" };
    if (shared.lowering === undefined) {
      const model = this.model!;
      const moved = this.#moved()!;
      if (!moved.ok) shared.lowering = { ok: false, reason: "what-if", message: moved.message };
      else {
        const lowered = lowerModel(this.#whatIfModel()!, this.settings.profile === undefined ? {} : { defaultProfile: this.settings.profile });
        shared.lowering = lowered.ok ? { ok: true, ir: lowered.ir, omitted: lowered.omitted } : { ok: false, reason: "model", errors: lowered.errors };
      }
    }
    return shared.lowering;
  }

  /** The IR when the program lowers, else undefined (see `compile` for why not). */
  get ir(): Ir | undefined {
    const lowering = this.lowering();
    return lowering.ok ? lowering.ir : undefined;
  }

  get plan(): Plan | undefined {
    const ir = this.ir;
    if (ir === undefined) return undefined;
    const shared = this.#lowered()!;
    return (shared.plan ??= buildPlan(ir));
  }

  /** The analytic model's steady-state estimate of the plan (what `simulate`'s analytic section shows). */
  get estimate(): Estimate | undefined {
    const plan = this.plan;
    if (plan === undefined) return undefined;
    const shared = this.#lowered()!;
    return (shared.estimate ??= estimate(plan));
  }

  /**
   * The estimate's figures (cores, PF lines, interfaces) for the rules and an editor's hovers. With
   * `caches.estimates` (an editor session) they are made part by part — hosts that traffic couples —
   * reusing the parts an earlier program already estimated: the same figures as `estimate`'s
   * (test/driver/estimate-parts.test.ts), but listed part by part, with stage and core indices of their
   * own, so never for a report beside `plan`. Without a cache (one run, nothing to reuse) they are
   * `estimate` itself: made in one piece, a cold process estimates a large plan faster than in parts.
   */
  get figures(): Estimate | undefined {
    const ir = this.ir;
    if (ir === undefined) return undefined;
    const shared = this.#lowered()!;
    if (shared.figures === undefined) shared.figures = shared.estimate ?? (this.caches.estimates === undefined ? this.estimate : this.caches.estimates.estimate(ir));
    return shared.figures;
  }

  /**
   * The findings the analysis-driven rules report. Only asked for when one of those rules is enabled
   * (`runRules`): with all three off, nothing is lowered, planned or estimated for `check`. From `figures`
   * when they are made anyway (an editor session, or the estimate already made for `simulate`); in a
   * one-shot run, from the estimate of only the hosts that can raise one of the rules
   * (src/driver/rule-figures.ts): the same findings, without planning the hosts no traffic reaches; and
   * when nothing has lowered the model yet, without lowering more than one part of each shape.
   */
  analysis(): ModelAnalysis | undefined {
    const shared = this.#lowered();
    if (shared === undefined) return undefined;
    if (shared.analysis === undefined) {
      const oneShot = shared.figures === undefined && shared.estimate === undefined && this.caches.estimates === undefined;
      let estimated: Estimate | undefined;
      // Not lowered yet (a `check`): the model's parts compared by shape first, one part of each shape lowered.
      if (oneShot && shared.lowering === undefined && (this.settings.whatIfs ?? []).length === 0)
        estimated = figuresForRules(this.model!, this.settings.profile === undefined ? {} : { defaultProfile: this.settings.profile });
      else {
        const ir = this.ir;
        estimated = ir !== undefined && oneShot ? estimateForRules(ir) : this.figures;
      }
      shared.analysis = { value: estimated === undefined ? undefined : analysisOf(this.model!, estimated) };
    }
    return shared.analysis.value;
  }

  /**
   * The IR if `check` finds no errors; else the errors. With `validate` (the default) the IR is checked
   * against its published schema first; `simulate` leaves that out (see CompileOptions).
   */
  compile(options: CompileOptions = {}): Compiled {
    const errors = this.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) return { ok: false, errors };
    const lowering = this.lowering();
    if (lowering.ok) {
      // The published schema is the IR's contract: an IR that breaks it is a bug in lowering, not in the input.
      const valid = options.validate === false ? { ok: true as const } : validateIr(lowering.ir);
      if (!valid.ok) throw new Error(`lowering produced an invalid IR: ${valid.errors.map((e) => `${e.pointer}: ${e.message}`).join("; ")}`);
      return { ok: true, ir: lowering.ir, warnings: this.diagnostics, omitted: lowering.omitted };
    }
    if (lowering.reason === "what-if") return { ok: false, errors: [], message: lowering.message };
    // Unreachable while every refusal of lowering is a check error first (the property test holds this).
    const message = lowering.reason === "model" ? lowering.errors.map((e) => e.message).join("; ") : "the program has syntax errors";
    throw new Error(`check found no errors but lowering refused the program: ${message}`);
  }

  /**
   * Simulates the IR with this run's seed, duration and event budget (the topology's when left out).
   * Callers compile first: a program that does not compile cannot be simulated.
   */
  simulate(run: RunSettings = {}, options: RunOptions = {}): SimOutcome {
    const ir = this.ir;
    if (ir === undefined) return { ok: false, message: "the program does not compile" };
    const entry = this.#run(run)!;
    entry.outcome ??= simulatePlan(entry.plan, options);
    return entry.outcome;
  }

  /** The plan of a run with these settings (the topology's own: `plan`), built once per settings. */
  #run(run: RunSettings): { readonly plan: Plan; outcome?: SimOutcome } | undefined {
    // Every run's settings come through here (simulate, compare), from the API and an editor alike: a NaN
    // duration never ended, a negative one made an empty report.
    const problem = runSettingsProblem(run);
    if (problem !== undefined) throw new RangeError(problem);
    const ir = this.ir;
    if (ir === undefined) return undefined;
    const shared = this.#lowered()!;
    shared.runs ??= new Map();
    const key = JSON.stringify([run.seed ?? null, run.durationNs ?? null, run.eventBudget ?? null]);
    let entry = shared.runs.get(key);
    if (entry === undefined) {
      const changed = withSettings(ir, run);
      entry = { plan: changed === ir ? this.plan! : buildPlan(changed) };
      shared.runs.set(key, entry);
    }
    return entry;
  }

  /**
   * Every interface that receives traffic on each data path it could use, one interface re-attached at a
   * time (re-lowered from the model, so each path is placed as if written so), side by side.
   */
  compare(run: RunSettings = {}, options: RunOptions = {}): { ok: true; rows: ComparisonRow[] } | { ok: false; message: string } {
    const model = this.model;
    const base = this.ir;
    if (model === undefined || base === undefined) return { ok: false, message: "the program does not compile" };
    const variants: PathVariant[] = [];
    // Interfaces that receive traffic, and those that only send it (`to = wire`).
    const targets = new Set(base.traffic.map((t) => trafficIface(t)));
    for (const lowered of base.ifaces) {
      if (!targets.has(lowered.id)) continue;
      const iface = model.lookup.ifaces.get(lowered.id);
      if (iface === undefined) continue;
      const current = lowered.attachment.kind;
      for (const path of possiblePaths(model, iface)) {
        let variant: CompiledProgram = this;
        if (path !== current) variant = new CompiledProgram(this.program, { ...this.settings, whatIfs: [...(this.settings.whatIfs ?? []), { iface: iface.id, path }] });
        const entry = variant.#run(run);
        if (entry === undefined) continue;
        // The topology as declared is simulated once, however many interfaces it is the `current` row of.
        variants.push({ iface: iface.id, path, current: path === current, plan: entry.plan, simulate: () => (entry.outcome ??= simulatePlan(entry.plan, options)) });
      }
      // The same path with the other driver: a kernel interface with a DPDK poll-mode driver, and back.
      const other = lowered.driver === "kernel" ? "dpdk" : "kernel";
      const variant = new CompiledProgram(this.program, { ...this.settings, whatIfs: [...(this.settings.whatIfs ?? []), { iface: iface.id, driver: other }] });
      const entry = variant.#run(run);
      if (entry === undefined) continue;
      variants.push({ iface: iface.id, path: `${current}+${other}`, current: false, plan: entry.plan, simulate: () => (entry.outcome ??= simulatePlan(entry.plan, options)) });
    }
    return comparisonRows(variants, options);
  }
}
