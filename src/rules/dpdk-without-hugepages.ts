/**
 * `dpdk-without-hugepages`: a VM or a container runs a DPDK poll-mode driver (`driver = dpdk`) without
 * hugepages (`hugepages`). DPDK's environment layer (EAL) takes its memory, packet buffers included, from
 * hugepages mapped into the process, and stops at start-up when it finds none: DPDK's getting-started guide
 * asks for them on every Linux system, Kubernetes gives a DPDK pod `hugepages-1Gi`/`hugepages-2Mi` resources,
 * and a VM's guest can only have them when its memory is backed by the host's hugepages (libvirt's
 * `<memoryBacking><hugepages/>`). A host's own DPDK interface is not checked: the host's hugepages are its
 * kernel's boot settings, which `.sriov` does not describe.
 */
import type { Container, Vm } from "../semantics/model.js";
import { DPDK, ifaceFacts, OWNER_CONTAINER, OWNER_VM } from "./iface-facts.js";
import { attachSpan, ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const dpdkWithoutHugepages: Rule = {
  meta: ruleMeta({
    id: "dpdk-without-hugepages",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VM or a container runs a DPDK driver (`driver = dpdk`) without hugepages (`hugepages`), which DPDK does not start without.",
  }),
  check(model, context) {
    // Kinds, flags and owners read once per check for every rule (iface-facts.ts).
    const { flags, owner } = ifaceFacts(model);
    // One finding per guest, at its first DPDK interface: the fix is the guest's, whatever its interfaces.
    const reported = new Set<Vm | Container>();
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & DPDK) === 0 || (f & (OWNER_VM | OWNER_CONTAINER)) === 0) continue;
      const guest: Vm | Container = (f & OWNER_VM) !== 0 ? model.vms[owner[i]!]! : model.containers[owner[i]!]!;
      if (guest.hugepages !== null || reported.has(guest)) continue;
      reported.add(guest);
      const iface = model.ifaces[i]!;
      const others = guest.ifaces.filter((other) => other !== iface && other.driver === "dpdk").length;
      const also = others === 0 ? "" : ` (and ${others} other interface${others === 1 ? "" : "s"} of it)`;
      const what = guest.kind === "vm" ? `vm ${guest.name}` : `container ${guest.name}`;
      context.report({
        span: iface.spans.attrs.driver ?? attachSpan(iface),
        message: `${ifaceRef(iface)}${also} runs a DPDK poll-mode driver (\`driver = dpdk\`), but ${what} has no hugepages: DPDK takes its memory from hugepages and does not start without them`,
        related: [{ span: guest.spans.name, message: `${what} is declared here, without \`hugepages\`` }],
        help:
          guest.kind === "vm"
            ? `back the VM's memory with hugepages: \`hugepages = 1GiB\` (or \`2MiB\`) in vm ${guest.name}, pages the host reserves at boot (\`hugepagesz=1G hugepages=N\` on its kernel command line)`
            : `give the pod hugepages: \`hugepages = 1GiB\` (or \`2MiB\`) and \`hugepages_memory = …\` in container ${guest.name} (Kubernetes' \`hugepages-1Gi\` resource, which the node reserves at boot)`,
      });
    }
  },
};
