/** `numa-contradicts-pin`: a VM's or container's `numa` names another NUMA node than the cores it is pinned to. */
import { byId, coreNumaNode } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, formatCores } from "./topology.js";

export const numaContradictsPin: Rule = {
  meta: ruleMeta({
    id: "numa-contradicts-pin",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM's or container's `numa` names another NUMA node than the cores it is pinned to.",
    fixable: true,
  }),
  check(model, context) {
    // A container runs on its cores as a pinned VM does (its VF's interrupts land on them): the same check.
    for (const guest of [...model.vms, ...model.containers]) {
      // A written `numa` is the model's `numa` (only a left-out one follows the pins).
      const declaredSpan = guest.spans.attrs.numa;
      if (declaredSpan === undefined || guest.pin.cores.length === 0) continue;
      const declared = guest.numa;
      const host = byId(model.lookup.hosts, guest.host);
      const nodes = [...new Set(guest.pin.cores.map((core) => coreNumaNode(host, core)))].sort((a, b) => a - b);
      if (nodes.length === 1 && nodes[0] === declared) continue;
      if (nodes.length > 1 && nodes.includes(declared)) continue;
      const one = guest.pin.cores.length === 1;
      const cores = `${one ? "core" : "cores"} ${formatCores(guest.pin.cores)}`;
      const pinSpan = guest.pin.kind === "explicit" ? guest.spans.attrs.pin : undefined;
      const pinned = guest.pin.kind === "explicit" ? `pinned to ${cores}` : `given ${cores} by automatic pinning`;
      const where = nodes.length === 1 ? `node ${nodes[0]}` : `nodes ${andList(nodes.map(String))}`;
      const which = one ? "which is" : "which are";
      context.report({
        span: declaredSpan,
        message: `${guest.kind} ${guest.name} says \`numa = ${declared}\`, but it is ${pinned}, ${which} on NUMA ${where}: it runs on ${where}, not ${declared}`,
        related: pinSpan === undefined ? [] : [{ span: pinSpan, message: `pinned here, to cores on ${where}` }],
        help:
          nodes.length === 1
            ? `set \`numa = ${nodes[0]}\` (or leave \`numa\` out: it follows the pins), or pin ${guest.name} to cores of node ${declared}`
            : `pin ${guest.name} to cores of one node, then set \`numa\` to it (or leave it out)`,
        fixes: nodes.length === 1 ? [{ description: `set \`numa = ${nodes[0]}\`, the node of its cores`, safe: true, edits: [{ range: declaredSpan, text: String(nodes[0]) }] }] : [],
      });
    }
  },
};
