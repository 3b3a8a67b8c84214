/** `pin-count-mismatch`: a VM's `vcpus` and the number of cores in its `pin` differ. */
import { ruleMeta, type Rule } from "./rule.js";
import { formatCores, plural } from "./topology.js";

/** Distinct cores of a pin: the model keeps them sorted and distinct, so a set is made only if they are not. */
function distinctCount(cores: readonly number[]): number {
  for (let i = 1; i < cores.length; i++) if (!(cores[i - 1]! < cores[i]!)) return new Set(cores).size;
  return cores.length;
}

export const pinCountMismatch: Rule = {
  meta: ruleMeta({
    id: "pin-count-mismatch",
    defaultSeverity: "warning",
    category: "resources",
    summary: "A VM's `vcpus` and the number of cores in its `pin` differ.",
    fixable: true,
  }),
  check(model, context) {
    for (const vm of model.vms) {
      if (vm.pin.kind !== "explicit") continue;
      const cores = distinctCount(vm.pin.cores);
      const vcpus = vm.vcpus;
      if (cores === vcpus) continue;
      // Spans are made when read: only for a finding.
      const attrs = vm.spans.attrs;
      const pinSpan = attrs.pin;
      if (pinSpan === undefined) continue;
      const vcpusSpan = attrs.vcpus;
      const pinText = formatCores(vm.pin.cores);
      const more = vcpus > cores;
      context.report({
        span: vcpusSpan ?? pinSpan,
        message: more
          ? `vm ${vm.name} has ${plural(vcpus, "vCPU")} but is pinned to ${plural(cores, "core")} (${pinText}): ${plural(vcpus - cores, "vCPU")} share cores with the others`
          : `vm ${vm.name} is pinned to ${plural(cores, "core")} (${pinText}) but has ${plural(vcpus, "vCPU")}: ${plural(cores - vcpus, "pinned core")} stay idle`,
        related: [{ span: pinSpan, message: `pinned here, to ${plural(cores, "core")}` }],
        help: `set \`vcpus = ${cores}\`, or pin ${vm.name} to ${plural(vcpus, "core")}`,
        // Which of the two is wrong is the author's call: offered, not applied by --fix.
        fixes: vcpusSpan === undefined ? [] : [{ description: `set \`vcpus = ${cores}\`, one per pinned core`, safe: false, edits: [{ range: vcpusSpan, text: String(cores) }] }],
      });
    }
  },
};
