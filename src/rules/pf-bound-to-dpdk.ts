/**
 * `pf-bound-to-dpdk`: an interface or a vSwitch uses a PF that DPDK binds to vfio-pci: another interface
 * (`pf(p)` with `driver = dpdk`), or an OVS-DPDK vSwitch (`type = ovs_dpdk`) that has it as an uplink.
 * Binding the PF to vfio-pci unbinds its kernel driver: the port's netdev and the VMDq pools that driver
 * provides are gone, and the device is one DPDK process's. VFs are left out: a PF on vfio-pci may still
 * create VFs (`enable_sriov`) with DPDK as their PF driver. A NIC whose DPDK runs on the kernel driver
 * (mlx5: src/domain/vfio-binding.ts) binds nothing to vfio-pci, so its PF takes nothing away.
 */
import type { Span } from "../syntax/span.js";
import { byId, type Pf, type Vswitch } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { dpdkBindsVfio } from "./topology.js";
import { DPDK, ifaceFacts, KIND, PF, VMDQ } from "./iface-facts.js";

/** What binds a PF to vfio-pci: a DPDK interface on the whole PF, or an OVS-DPDK vSwitch's uplink. */
type Taker = { readonly kind: "iface"; readonly index: number } | { readonly kind: "vswitch"; readonly vswitch: Vswitch; readonly uplink: number };

function uplinkSpan(vswitch: Vswitch, k: number): Span {
  return vswitch.spans.items.uplinks?.[k] ?? vswitch.spans.attrs.uplinks ?? vswitch.spans.name;
}

export const pfBoundToDpdk: Rule = {
  meta: ruleMeta({
    id: "pf-bound-to-dpdk",
    defaultSeverity: "error",
    category: "resources",
    summary: "An interface (`pf(p)` or `vmdq(p)`) or a vSwitch uplink uses a PF that DPDK binds to vfio-pci (a `pf(p)` with `driver = dpdk`, an `ovs_dpdk` uplink), which takes the PF from its kernel driver.",
  }),
  check(model, context) {
    // The first `pf(p)` with `driver = dpdk` on each PF (in source order) takes the PF, else the first
    // OVS-DPDK vSwitch with it as an uplink: the one named in the findings of the others, wherever written.
    const { flags, target } = ifaceFacts(model);
    const takenBy = new Map<string, Taker>();
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & KIND) !== PF || (f & DPDK) === 0) continue;
      const pf = model.pfs[target[i]!]!;
      if (!takenBy.has(pf.id) && dpdkBindsVfio(model, pf)) takenBy.set(pf.id, { kind: "iface", index: i });
    }
    for (const vswitch of model.vswitches) {
      if (vswitch.type !== "ovs_dpdk") continue;
      vswitch.uplinks.forEach((id, uplink) => {
        if (!takenBy.has(id) && dpdkBindsVfio(model, byId(model.lookup.pfs, id))) takenBy.set(id, { kind: "vswitch", vswitch, uplink });
      });
    }
    if (takenBy.size === 0) return;
    const takerRef = (taker: Taker) => (taker.kind === "iface" ? ifaceRef(model.ifaces[taker.index]!) : `vswitch ${taker.vswitch.name}`);
    const report = (span: Span, user: string, pf: Pf, taker: Taker, why: string, instead: string) => {
      const p = pfRef(pf);
      const by = taker.kind === "iface" ? `${takerRef(taker)} binds the PF to vfio-pci for DPDK (\`driver = dpdk\`)` : `${takerRef(taker)} (\`type = ovs_dpdk\`) binds the PF to vfio-pci for its uplink`;
      const at = taker.kind === "iface" ? (model.ifaces[taker.index]!.spans.attrs.driver ?? attachSpan(model.ifaces[taker.index]!)) : uplinkSpan(taker.vswitch, taker.uplink);
      context.report({
        span,
        message: `${user} cannot use ${p}: ${by}, ${why}`,
        related: [{ span: at, message: `${takerRef(taker)} binds ${p} to vfio-pci here` }],
        help: `give ${user} a port of its own, or ${instead}`,
      });
    };
    const leaveToKernel = (taker: Taker, pf: Pf) =>
      taker.kind === "iface" ? `let ${takerRef(taker)} bind a VF to DPDK (\`attach = vf(${pfRef(pf)})\`), which leaves the PF to the kernel` : `attach it to ${takerRef(taker)} (\`attach = vswitch(${taker.vswitch.name})\`)`;
    for (let i = 0; i < flags.length; i++) {
      const kind = flags[i]! & KIND;
      if (kind !== PF && kind !== VMDQ) continue;
      const pf = model.pfs[target[i]!]!;
      const taker = takenBy.get(pf.id);
      if (taker === undefined || (taker.kind === "iface" && taker.index === i)) continue;
      const iface = model.ifaces[i]!;
      const why =
        kind === VMDQ
          ? "which takes it from the kernel driver that provides its VMDq pools"
          : (flags[i]! & DPDK) !== 0
            ? "which gives the whole port to that one DPDK process"
            : "which takes the port's kernel netdev away";
      report(attachSpan(iface), ifaceRef(iface), pf, taker, why, leaveToKernel(taker, pf));
    }
    // A vSwitch's uplink on a taken PF: a kernel one loses the port's netdev, a second OVS-DPDK one the port.
    for (const vswitch of model.vswitches) {
      vswitch.uplinks.forEach((id, uplink) => {
        const taker = takenBy.get(id);
        if (taker === undefined || (taker.kind === "vswitch" && taker.vswitch === vswitch)) return;
        const pf = byId(model.lookup.pfs, id);
        const why = vswitch.type === "ovs_dpdk" ? "which gives the whole port to that one DPDK process" : "which takes the port's kernel netdev away";
        const instead = taker.kind === "iface" ? leaveToKernel(taker, pf) : "use one vSwitch for the port";
        report(uplinkSpan(vswitch, uplink), `vswitch ${vswitch.name}`, pf, taker, why, instead);
      });
    }
  },
};
