/** `pin-count-mismatch`: a VM's `vcpus` and the number of cores in its `pin` differ. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";
import { formatCores, plural } from "./topology.js";

export const pinCountMismatch: Rule = {
  meta: ruleMeta({
    id: "pin-count-mismatch",
    defaultSeverity: "warning",
    category: "resources",
    summary: "A VM's `vcpus` and the number of cores in its `pin` differ.",
    fixable: true,
  }),
  check(model, context) {
    for (const vm of topologyOf(model).vms) {
      if (!vm.explicitPin || vm.pin.span === undefined) continue;
      const cores = new Set(vm.pin.value).size;
      const vcpus = vm.vcpus.value;
      if (cores === vcpus) continue;
      const pinText = formatCores(vm.pin.value);
      const more = vcpus > cores;
      context.report({
        span: vm.vcpus.span ?? vm.pin.span,
        message: more
          ? `vm ${vm.name} has ${plural(vcpus, "vCPU")} but is pinned to ${plural(cores, "core")} (${pinText}): ${plural(vcpus - cores, "vCPU")} share cores with the others`
          : `vm ${vm.name} is pinned to ${plural(cores, "core")} (${pinText}) but has ${plural(vcpus, "vCPU")}: ${plural(cores - vcpus, "pinned core")} stay idle`,
        related: [{ span: vm.pin.span, message: `pinned here, to ${plural(cores, "core")}` }],
        help: `set \`vcpus = ${cores}\`, or pin ${vm.name} to ${plural(vcpus, "core")}`,
        // Which of the two is wrong is the author's call: offered, not applied by --fix.
        fixes: vm.vcpus.span === undefined ? [] : [{ description: `set \`vcpus = ${cores}\`, one per pinned core`, safe: false, edits: [{ range: vm.vcpus.span, text: String(cores) }] }],
      });
    }
  },
};
