/** `pin-count-mismatch`: a VM's `vcpus` and the number of cores in its `pin` differ. */
import { ruleMeta, type Rule } from "./rule.js";
import { formatCores } from "./topology.js";
import { plural } from "../domain/plural.js";
import { guestFacts } from "./iface-facts.js";

/** Distinct cores of a pin: the model keeps them sorted and distinct, so a set is made only if they are not. */
function distinctCountIn(cores: readonly number[], start: number, end: number): number {
  for (let i = start + 1; i < end; i++) if (!(cores[i - 1]! < cores[i]!)) return new Set(cores.slice(start, end)).size;
  return end - start;
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
    // Pins and vCPUs read once per check for every rule (iface-facts.ts): a VM is looked at only for a finding.
    const guests = guestFacts(model);
    for (let g = 0; g < model.vms.length; g++) {
      if (guests.explicitPin[g] === 0) continue;
      const cores = distinctCountIn(guests.cores, guests.coreStart[g]!, guests.coreStart[g + 1]!);
      const vcpus = guests.vcpus[g]!;
      if (cores === vcpus) continue;
      const vm = model.vms[g]!;
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
          ? `vm ${vm.name} has ${plural(vcpus, "vCPU")}, but it is pinned to ${plural(cores, "core")} (${pinText}): ${plural(vcpus - cores, "vCPU")} ${vcpus - cores === 1 ? "shares a core" : "share cores"} with the others`
          : `vm ${vm.name} is pinned to ${plural(cores, "core")} (${pinText}), but it has ${plural(vcpus, "vCPU")}: ${plural(cores - vcpus, "pinned core")} ${cores - vcpus === 1 ? "stays" : "stay"} idle`,
        related: [{ span: pinSpan, message: `pinned here, to ${plural(cores, "core")}` }],
        help: `set \`vcpus = ${cores}\`, or pin ${vm.name} to ${plural(vcpus, "core")}`,
        // Which of the two is wrong is the author's call: offered, not applied by --fix.
        fixes: vcpusSpan === undefined ? [] : [{ description: `set \`vcpus = ${cores}\`, one per pinned core`, safe: false, edits: [{ range: vcpusSpan, text: String(cores) }] }],
      });
    }
  },
};
