/**
 * `cpu-saturated`: driven by the simulator's analytic model (SIMULATION.md), which the pipeline provides through
 * `context.analysis()` (src/rules/analysis.ts; made by the driver, src/driver/analysis.ts, from the estimate `simulate` reports).
 */
import { acceptedAlternatives, orList } from "./alternatives.js";
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { IfaceView, LinkedTopology } from "./topology.js";

/** Cycles per packet rank the data paths: `vf` costs the fewest, then `vmdq`, then `vswitch`. */
const CHEAPER: Readonly<Record<string, readonly ("vf" | "vmdq")[]>> = { vswitch: ["vf", "vmdq"], vmdq: ["vf"], vf: [], pf: [] };

/** The help: always the rate and the cores; a cheaper path only for an interface that has one the model accepts. */
function cheaperPathHelp(ifaces: readonly IfaceView[], topology: LinkedTopology): string {
  const base = "lower the offered rate or spread the interfaces over more cores";
  for (const iface of ifaces) {
    const cheaper = acceptedAlternatives(iface, topology, CHEAPER[iface.attachment.kind] ?? []);
    if (cheaper.length > 0) return `${base}, or move ${ifaceRef(iface)} to a cheaper data path: ${orList(cheaper)}`;
  }
  return `${base}: ${ifaces.length === 1 ? "its interface already uses" : "its interfaces already use"} the cheapest data path the model allows`;
}

export const cpuSaturated: Rule = {
  meta: ruleMeta({
    id: "cpu-saturated",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts a core above 100 % busy: packets will be dropped.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const byId = new Map(topology.ifaces.map((iface) => [iface.id, iface]));
    for (const { core, spans } of context.analysis()?.saturatedCores ?? []) {
      const [primary, ...others] = spans;
      if (!primary) continue;
      context.report({
        span: primary,
        message: `core ${core.core} of host \`${core.host}\` (${core.role}) is predicted ${Math.round(core.utilization * 100)} % busy: packets will be dropped; it serves ${core.ifaces.join(", ")}`,
        related: others.map((span) => ({ span, message: "also works on this core" })),
        help: cheaperPathHelp(core.ifaces.flatMap((id) => byId.get(id) ?? []), topology),
      });
    }
  },
};
