/** `numa-contradicts-pin`: a VM's `numa` names another NUMA node than the cores it is pinned to. */
import { topologyOf } from "../semantics/linked.js";
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
    for (const vm of topologyOf(model).vms) {
      const declared = vm.declaredNuma;
      if (declared.value === undefined || declared.span === undefined || vm.pinNodes.length === 0) continue;
      const nodes = [...new Set(vm.pinNodes)].sort((a, b) => a - b);
      if (nodes.length === 1 && nodes[0] === declared.value) continue;
      if (nodes.length > 1 && nodes.includes(declared.value)) continue;
      const cores = formatCores(vm.pin.value);
      const pinned = vm.explicitPin ? `pinned to cores ${cores}` : `given cores ${cores} by automatic pinning`;
      const where = nodes.length === 1 ? `node ${nodes[0]}` : `nodes ${andList(nodes.map(String))}`;
      context.report({
        span: declared.span,
        message: `vm ${vm.name} says \`numa = ${declared.value}\`, but it is ${pinned}, which are on NUMA ${where}: it runs on ${where}, not ${declared.value}`,
        related: vm.pin.span === undefined ? [] : [{ span: vm.pin.span, message: `pinned here, to cores on ${where}` }],
        help:
          nodes.length === 1
            ? `set \`numa = ${nodes[0]}\` (or leave \`numa\` out: it follows the pins), or pin ${vm.name} to cores of node ${declared.value}`
            : `pin ${vm.name} to cores of one node, then set \`numa\` to it (or leave it out)`,
        fixes: nodes.length === 1 ? [{ description: `set \`numa = ${nodes[0]}\`, the node of its cores`, safe: true, edits: [{ range: declared.span, text: String(nodes[0]) }] }] : [],
      });
    }
  },
};
