/** `vmdq-pools-exhausted`: more `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq). */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, push, type IfaceView, type PfView } from "./topology.js";

export const vmdqPoolsExhausted: Rule = {
  meta: ruleMeta({
    id: "vmdq-pools-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "More `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq).",
  }),
  check(model, context) {
    const users = new Map<PfView, IfaceView[]>();
    for (const iface of topologyOf(model).ifaces) if (iface.attachment.kind === "vmdq") push(users, iface.attachment.pf, iface);
    for (const [pf, ifaces] of users) {
      const pools = pf.vmdqPools.value;
      if (ifaces.length <= pools) continue;
      const first = ifaces[pools]!;
      const related = pf.vmdqPools.span === undefined ? [] : [{ span: pf.vmdqPools.span, message: `vmdq_pools = ${pools} here` }];
      if (pools === 0) {
        context.report({
          span: first.attachSpan,
          message: `${pfRef(pf)} has no VMDq pools, so ${ifaceRef(first)} cannot use \`vmdq(${pfRef(pf)})\``,
          related,
          help: `set \`vmdq_pools\` on ${pfRef(pf)} (if the ${pf.nic.model} has VMDq), or attach with \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
        });
        continue;
      }
      context.report({
        span: first.attachSpan,
        message: `no VMDq pool left on ${pfRef(pf)} for ${ifaceRef(first)}: ${plural(ifaces.length, "interface")} use \`vmdq(${pfRef(pf)})\`, but it has ${plural(pools, "pool")}`,
        related,
        help: `raise \`vmdq_pools\` on ${pfRef(pf)} to ${ifaces.length}, or attach some of them with \`vf(${pfRef(pf)})\` or \`vswitch(...)\``,
      });
    }
  },
};
