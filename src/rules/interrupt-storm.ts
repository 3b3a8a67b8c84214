/**
 * `interrupt-storm`: driven by the simulator's analytic model (SIMULATION.md), which the pipeline provides through
 * `context.analysis()` (src/rules/analysis.ts; made by the driver, src/driver/analysis.ts, from the estimate `simulate` reports).
 */
import { INTERRUPT_STORM_PER_S, formatCount } from "./analysis.js";
import { acceptedAlternatives } from "./alternatives.js";
import { byId, type Iface, type Model } from "../semantics/model.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList } from "./topology.js";

/**
 * Moderation on the PFs that raise the interrupts (a vSwitch's uplinks for its interfaces; none for a
 * vSwitch without uplinks), and `vf(...)` only where the model accepts it for an interface.
 */
function stormHelp(virtual: boolean, ifaces: readonly Iface[], model: Model): string {
  const pfs = [...new Set(ifaces.flatMap((iface) => (iface.attachment.kind === "vswitch" ? byId(model.lookup.vswitches, iface.attachment.vswitch).uplinks : [iface.attachment.pf])))];
  const moderate = pfs.length === 0 ? undefined : `set \`itr = 50us\` on ${andList(pfs.map((pf) => pfRef(byId(model.lookup.pfs, pf))))}`;
  const vf = virtual ? ifaces.flatMap((iface) => acceptedAlternatives(iface, model, ["vf"]).map((call) => ({ iface, call })))[0] : undefined;
  const parts: string[] = [];
  if (moderate !== undefined) parts.push(`${moderate} so that each interrupt handles a batch of packets`);
  if (vf !== undefined) parts.push(`attach ${ifaceRef(vf.iface)} with \`${vf.call}\`, whose interrupts go to the guest`);
  if (parts.length === 0) return "these interrupts come from traffic between interfaces of the host: lower that traffic's rate, or spread the interfaces over more cores";
  return `${virtual ? "these are virtual interrupts, one per batch the hypervisor hands over: " : ""}${parts.join(", or ")}`;
}

export const interruptStorm: Rule = {
  meta: ruleMeta({
    id: "interrupt-storm",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts more than 100,000 interrupts/s on one core.",
  }),
  check(model, context) {
    for (const { core, spans } of context.analysis()?.interruptStorms ?? []) {
      const [primary, ...others] = spans;
      if (!primary) continue;
      context.report({
        span: primary,
        message: `core ${core.core} of host \`${core.host}\` (${core.role}) is predicted to take ${formatCount(core.interruptsPerS)} interrupts/s, over ${formatCount(INTERRUPT_STORM_PER_S)}: it serves ${core.ifaces.join(", ")}`,
        related: others.map((span) => ({ span, message: "also interrupts this core" })),
        help: stormHelp(core.perS.virtual_irqs > core.perS.hw_irqs + core.perS.posted_irqs, core.ifaces.flatMap((id) => model.lookup.ifaces.get(id) ?? []), model),
      });
    }
  },
};
