/** The cost categories a core's busy time is stacked by, in both HTML layouts (the per-interface page and the fleet page). */
import type { CoreReport } from "../sim/report.js";
import type { BarSeries } from "./svg-bars.js";

export const COST_CATEGORIES: readonly BarSeries[] = [
  { key: "irq", label: "irq" },
  { key: "vswitch", label: "vSwitch" },
  { key: "copy", label: "copy" },
  { key: "guest", label: "guest" },
  { key: "exit", label: "exits" },
];

/** A core's busy time in each category as a share of the measured window, in `COST_CATEGORIES` order. */
export function costShares(core: CoreReport, windowS: number): number[] {
  const busy = core.busy_s;
  return windowS > 0 ? [busy.irq, busy.vswitch, busy.copy, busy.guest, busy.exit].map((s) => s / windowS) : [0, 0, 0, 0, 0];
}
