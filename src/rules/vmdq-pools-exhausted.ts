/** `vmdq-pools-exhausted`: more `vmdq(p)` interfaces than the PF has VMDq pools (or the PF has no VMDq). */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, orList } from "./alternatives.js";
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
    const topology = topologyOf(model);
    const users = new Map<PfView, IfaceView[]>();
    for (const iface of topology.ifaces) if (iface.attachment.kind === "vmdq") push(users, iface.attachment.pf, iface);
    for (const [pf, ifaces] of users) {
      const pools = pf.vmdqPools.value;
      if (ifaces.length <= pools) continue;
      const first = ifaces[pools]!;
      // Every interface left without a pool is a location of this one finding (the PF's pools are the cause).
      const without = ifaces.slice(pools);
      const related = [
        ...(pf.vmdqPools.span === undefined ? [] : [{ span: pf.vmdqPools.span, message: `vmdq_pools = ${pools} here` }]),
        ...without.slice(1).map((iface) => ({ span: iface.attachSpan, message: `${ifaceRef(iface)} gets no pool either` })),
      ];
      const ownMessage = (iface: IfaceView) =>
        pools === 0
          ? `${pfRef(pf)} has no VMDq pools, so ${ifaceRef(iface)} cannot use \`vmdq(${pfRef(pf)})\``
          : `no VMDq pool left on ${pfRef(pf)} for ${ifaceRef(iface)}: ${plural(ifaces.length, "interface")} use \`vmdq(${pfRef(pf)})\`, but it has ${plural(pools, "pool")}`;
      const locations = without.map((iface) => ({ span: iface.attachSpan, message: ownMessage(iface) }));
      const others = acceptedAlternatives(first, topology, ["vf", "vswitch"]);
      const move = others.length === 0 ? "" : `, or attach ${pools === 0 ? ifaceRef(first) : "some of them"} with ${orList(others)}`;
      if (pools === 0) {
        context.report({
          span: first.attachSpan,
          message: ownMessage(first),
          related,
          locations,
          help:
            pf.modelVmdqPools > 0
              ? `set \`vmdq_pools\` on ${pfRef(pf)} (the ${pf.nic.model} has up to ${pf.modelVmdqPools})${move}`
              : `the ${pf.nic.model} has no VMDq${others.length === 0 ? ": use a NIC with VMDq" : `: attach ${ifaceRef(first)} with ${orList(others)}`}`,
        });
        continue;
      }
      context.report({
        span: first.attachSpan,
        message: ownMessage(first),
        related,
        locations,
        help:
          ifaces.length <= pf.modelVmdqPools
            ? `raise \`vmdq_pools\` on ${pfRef(pf)} to ${ifaces.length}${move}`
            : `the ${pf.nic.model} has at most ${pf.modelVmdqPools} pools per PF${others.length === 0 ? ": move some of these interfaces to another PF" : `: attach some of them with ${orList(others)}`}`,
      });
    }
  },
};
