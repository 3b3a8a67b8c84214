/** `numa-contradicts-pin`: a VM's `numa` names another NUMA node than the cores it is pinned to. */
import { byId, coreNumaNode } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, formatCores } from "./topology.js";

export const numaContradictsPin: Rule = {
  meta: ruleMeta({
    id: "numa-contradicts-pin",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM's `numa` names another NUMA node than the cores it is pinned to.",
    fixable: true,
  }),
  check(model, context) {
    for (const vm of model.vms) {
      // A written `numa` is the model's `numa` (only a left-out one follows the pins).
      const declaredSpan = vm.spans.attrs.numa;
      if (declaredSpan === undefined || vm.pin.cores.length === 0) continue;
      const declared = vm.numa;
      const host = byId(model.lookup.hosts, vm.host);
      const nodes = [...new Set(vm.pin.cores.map((core) => coreNumaNode(host, core)))].sort((a, b) => a - b);
      if (nodes.length === 1 && nodes[0] === declared) continue;
      if (nodes.length > 1 && nodes.includes(declared)) continue;
      const cores = formatCores(vm.pin.cores);
      const pinSpan = vm.pin.kind === "explicit" ? vm.spans.attrs.pin : undefined;
      const pinned = vm.pin.kind === "explicit" ? `pinned to cores ${cores}` : `given cores ${cores} by automatic pinning`;
      const where = nodes.length === 1 ? `node ${nodes[0]}` : `nodes ${andList(nodes.map(String))}`;
      context.report({
        span: declaredSpan,
        message: `vm ${vm.name} says \`numa = ${declared}\`, but it is ${pinned}, which are on NUMA ${where}: it runs on ${where}, not ${declared}`,
        related: pinSpan === undefined ? [] : [{ span: pinSpan, message: `pinned here, to cores on ${where}` }],
        help:
          nodes.length === 1
            ? `set \`numa = ${nodes[0]}\` (or leave \`numa\` out: it follows the pins), or pin ${vm.name} to cores of node ${declared}`
            : `pin ${vm.name} to cores of one node, then set \`numa\` to it (or leave it out)`,
        fixes: nodes.length === 1 ? [{ description: `set \`numa = ${nodes[0]}\`, the node of its cores`, safe: true, edits: [{ range: declaredSpan, text: String(nodes[0]) }] }] : [],
      });
    }
  },
};
