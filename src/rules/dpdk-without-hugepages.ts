/**
 * `dpdk-without-hugepages`: a container (a pod) runs a DPDK poll-mode driver (`driver = dpdk`) without
 * hugepages (`hugepages`). DPDK's environment layer (EAL) takes its memory, packet buffers included, from
 * hugepages mapped into the process, and stops at start-up when it finds none (DPDK's getting-started
 * guide); a pod sees hugepages only through its `hugepages-1Gi`/`hugepages-2Mi` resources, which `hugepages`
 * on a container is. A VM is not checked: its guest reserves hugepages in its own kernel whatever backs its
 * memory on the host, and a VM's `hugepages` is that backing (libvirt's `<memoryBacking>`), which DPDK in the
 * guest is faster with but does not need. A host's own DPDK interface is not checked either: the host's
 * hugepages are its kernel's boot settings. Neither the guest's nor the host's boot settings are in `.sriov`.
 */
import type { Container } from "../semantics/model.js";
import { DPDK, ifaceFacts, OWNER_CONTAINER } from "./iface-facts.js";
import { attachSpan, ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural } from "../domain/plural.js";

export const dpdkWithoutHugepages: Rule = {
  meta: ruleMeta({
    id: "dpdk-without-hugepages",
    defaultSeverity: "error",
    category: "resources",
    summary: "A container (a pod) runs a DPDK driver (`driver = dpdk`) without hugepages (`hugepages`), which DPDK does not start without.",
  }),
  check(model, context) {
    // Kinds, flags and owners read once per check for every rule (iface-facts.ts).
    const { flags, owner } = ifaceFacts(model);
    // One finding per pod, at its first DPDK interface: the fix is the pod's, whatever its interfaces.
    const reported = new Set<Container>();
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & DPDK) === 0 || (f & OWNER_CONTAINER) === 0) continue;
      const pod = model.containers[owner[i]!]!;
      if (pod.hugepages !== null || reported.has(pod)) continue;
      reported.add(pod);
      const iface = model.ifaces[i]!;
      const others = pod.ifaces.filter((other) => other !== iface && other.driver === "dpdk").length;
      const also = others === 0 ? "" : ` (and ${plural(others, "other interface")} of it)`;
      const what = `container ${pod.name}`;
      context.report({
        span: iface.spans.attrs.driver ?? attachSpan(iface),
        message: `${ifaceRef(iface)}${also} runs a DPDK poll-mode driver (\`driver = dpdk\`), but ${what} has no hugepages: DPDK takes its memory from hugepages and does not start without them`,
        related: [{ span: pod.spans.name, message: `${what} is declared here, without \`hugepages\`` }],
        help: `give the pod hugepages: \`hugepages = 1GiB\` (or \`2MiB\`) and \`hugepages_memory = …\` in container ${pod.name} (Kubernetes' \`hugepages-1Gi\` resource, which the node reserves at boot)`,
      });
    }
  },
};
