/**
 * `pf-bound-to-dpdk`: an interface uses a PF that another interface binds to vfio-pci for DPDK (`pf(p)` with
 * `driver = dpdk`). Binding the PF to vfio-pci unbinds its kernel driver: the port's netdev and the VMDq
 * pools that driver provides are gone, and the device is one DPDK process's. VFs are left out: a PF on
 * vfio-pci may still create VFs (`enable_sriov`) with DPDK as their PF driver. A NIC whose DPDK runs on the
 * kernel driver (mlx5: src/domain/vfio-binding.ts) binds nothing to vfio-pci, so its PF takes nothing away.
 */
import { boundToVfio } from "../domain/vfio-binding.js";
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { DPDK, ifaceFacts, KIND, PF, VMDQ } from "./iface-facts.js";

export const pfBoundToDpdk: Rule = {
  meta: ruleMeta({
    id: "pf-bound-to-dpdk",
    defaultSeverity: "error",
    category: "resources",
    summary: "An interface uses a PF (`pf(p)` or `vmdq(p)`) that another interface binds to vfio-pci for DPDK, which takes the PF from its kernel driver.",
  }),
  check(model, context) {
    // The first `pf(p)` with `driver = dpdk` on each PF (by its position in `model.pfs`) takes the PF: it
    // is the one named in the findings of the others, whatever their order in the source.
    const { flags, target } = ifaceFacts(model);
    const takenBy: number[] = [];
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & KIND) !== PF || (f & DPDK) === 0 || takenBy[target[i]!] !== undefined) continue;
      // On a NIC whose DPDK runs on the kernel driver (mlx5) the PF keeps its driver and netdev.
      if (boundToVfio(false, true, byId(model.lookup.nics, model.pfs[target[i]!]!.nic).model.dpdkBifurcated)) takenBy[target[i]!] = i;
    }
    if (takenBy.length === 0) return;
    for (let i = 0; i < flags.length; i++) {
      const kind = flags[i]! & KIND;
      if (kind !== PF && kind !== VMDQ) continue;
      const taker = takenBy[target[i]!];
      if (taker === undefined || taker === i) continue;
      const iface = model.ifaces[i]!;
      const dpdk = model.ifaces[taker]!;
      const pf = model.pfs[target[i]!]!;
      const p = pfRef(pf);
      const why =
        kind === VMDQ
          ? "which takes it from the kernel driver that provides its VMDq pools"
          : (flags[i]! & DPDK) !== 0
            ? "which gives the whole port to that one DPDK process"
            : "which takes the port's kernel netdev away";
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} cannot use ${p}: ${ifaceRef(dpdk)} binds the PF to vfio-pci for DPDK (\`driver = dpdk\`), ${why}`,
        related: [{ span: dpdk.spans.attrs.driver ?? attachSpan(dpdk), message: `${ifaceRef(dpdk)} binds ${p} to vfio-pci here` }],
        help: `give ${ifaceRef(iface)} a port of its own, or let ${ifaceRef(dpdk)} bind a VF to DPDK (\`attach = vf(${p})\`), which leaves the PF to the kernel`,
      });
    }
  },
};
