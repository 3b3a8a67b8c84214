/**
 * The driver's analytic estimate of a program (the numbers `simulate` prints in its analytic section and
 * the analysis rules read), per interface, for hovers and inlay hints.
 */
import type { CoreEstimate, Estimate, IfaceEstimate } from "../sim/analytic.js";

export interface IfaceCost {
  readonly estimate: IfaceEstimate;
  /** The busiest core that works on this interface's packets. */
  readonly busiestCore: CoreEstimate | undefined;
}

export interface ProgramCost {
  readonly ifaces: ReadonlyMap<string, IfaceCost>;
  /** The cores that work on packets, as `simulate`'s analytic section lists them. */
  readonly cores: readonly CoreEstimate[];
}

export function programCost(result: Estimate): ProgramCost {
  const busiest = new Map<string, CoreEstimate>();
  for (const core of result.cores) {
    for (const iface of core.ifaces) {
      const known = busiest.get(iface);
      if (known === undefined || core.utilization > known.utilization) busiest.set(iface, core);
    }
  }
  return { ifaces: new Map(result.interfaces.map((e) => [e.id, { estimate: e, busiestCore: busiest.get(e.id) }])), cores: result.cores };
}

/** "1.2 K", "3.4 M", "850": rates in a few characters. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)} M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)} K`;
  return `${Math.round(value)}`;
}
