/**
 * What the three analysis-driven rules (`interrupt-storm`, `cpu-saturated`, `link-oversubscribed`) need
 * from the simulator's analytic model, stated here so the rules depend on a shape, not on a later stage:
 * the driver hands `lintProgram` a function that produces it (src/driver/analysis.ts), and data keeps
 * flowing forward (rules never import the simulator).
 */
import type { Model } from "../semantics/model.js";
import { decimalText, printedUnit } from "../semantics/units.js";
import type { Span } from "../syntax/span.js";

/** docs/rules/interrupt-storm.md: more than 100,000 interrupts per second on one core. */
export const INTERRUPT_STORM_PER_S = 100_000;

/** A core's predicted steady-state load. */
export interface CoreLoad {
  readonly host: string;
  readonly core: number;
  /** `hypervisor`, `vm:NAME`, `host` (SIMULATION.md). */
  readonly role: string;
  /**
   * Predicted busy fraction with packet work; above 1 the core cannot keep up. For a polling core (DPDK),
   * the share of its poll loop spent on packets: it spins at 100 % anyway, which is not saturation.
   */
  readonly utilization: number;
  /** A DPDK poll-mode driver spins on this core. */
  readonly spins: boolean;
  /** Interrupts per second of every kind. */
  readonly interruptsPerS: number;
  readonly perS: { readonly hw_irqs: number; readonly virtual_irqs: number; readonly posted_irqs: number };
  /** Interfaces whose packets the core works on (ids such as `h1.web1.eth0`). */
  readonly ifaces: readonly string[];
}

/** A PF line's predicted offered load. */
export interface LinkLoad {
  /** The PF's id (`h1.x710.pf0`). */
  readonly pf: string;
  readonly kind: "wire" | "tx" | "internal" | "host";
  /** Offered bits per second, preamble and inter-frame gap counted. */
  readonly offeredBps: number;
  readonly lineRateBps: number;
}

export interface CoreFinding {
  readonly core: CoreLoad;
  /** The names of the interfaces the core works on (primary: the first). */
  readonly spans: readonly Span[];
}

export interface LinkFinding {
  readonly link: LinkLoad;
  /** The PF's name. */
  readonly pfSpan: Span;
  /** The names of the traffic blocks offering the load. */
  readonly trafficSpans: readonly Span[];
}

export interface ModelAnalysis {
  /** Cores predicted to take more than INTERRUPT_STORM_PER_S interrupts/s. */
  readonly interruptStorms: readonly CoreFinding[];
  /** Cores predicted above 100 % busy. */
  readonly saturatedCores: readonly CoreFinding[];
  /** PF lines (wire or internal switch) offered more than their line rate. */
  readonly oversubscribedLinks: readonly LinkFinding[];
}

/** Produces the analysis of a model, or undefined when it cannot be made (the model cannot be lowered). */
export type AnalyzeModel = (model: Model) => ModelAnalysis | undefined;

/** 412000 → "412,000" (rounded to a whole number, thousands separated, locale-independent). */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 14880000000 → "14.9 Gbps": in the language's units (`printedUnit`), as reports print bit rates. */
export function formatBitRate(bps: number): string {
  const printed = printedUnit(bps, "bps");
  return `${decimalText(bps / printed.factor, 3, true)} ${printed.unit}`;
}
