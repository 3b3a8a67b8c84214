/**
 * `vdpa-without-switchdev`: a `vdpa(p)` interface on a PF that is not in switchdev mode, that is, that is
 * no uplink of a vSwitch that offloads (src/semantics/switchdev.ts decides the mode, for lowering and the
 * emitters too). A vDPA device needs that
 * mode: the sriov-network-operator refuses a policy with `vdpaType` unless `eSwitchMode: switchdev`
 * (pkg/webhook/validate.go: "vdpa requires the device to be configured in switchdev mode"), and OpenStack
 * Nova supports vDPA ports only with hardware-offloaded OVS as their control plane (doc/source/admin/vdpa.rst).
 * Without it the VF's representor is in no bridge, and nothing forwards between the wire and the VM. A
 * model without vDPA is offload-unsupported's finding, and is left to it.
 */
import { byId, type Vswitch } from "../semantics/model.js";
import { eswitchMode } from "../semantics/switchdev.js";
import type { RelatedSpan } from "../diagnostics/diagnostic.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VDPA } from "./iface-facts.js";

/** Why the PF is in legacy mode, the spans that show it, and the fix, by the vSwitch that has it as an uplink (if one does). */
function legacyBecause(vswitch: Vswitch | undefined, pf: string): { why: string; related: RelatedSpan[]; help: string } {
  if (vswitch === undefined)
    return {
      why: "no vSwitch with `offload = true` has it as an uplink",
      related: [],
      help: `add a vSwitch that offloads into ${pf} (\`vswitch br-int { type = ovs  uplinks = [${pf}]  offload = true }\`): the vDPA device's representor is its port`,
    };
  // `offload = true` on a VMware standard switch: it offloads nothing (offload-unsupported says so too).
  if (vswitch.offload)
    return {
      why: `vSwitch ${vswitch.name} has it as an uplink, but is a VMware standard switch (\`type = vss\`), which cannot offload`,
      related: [{ span: vswitch.spans.attrs.type ?? vswitch.spans.name, message: `vSwitch ${vswitch.name} is a VMware standard switch` }],
      help: `use \`type = ovs\` (or \`ovs_dpdk\`) for vSwitch ${vswitch.name}: the vDPA device's representor is then its port`,
    };
  return {
    why: `vSwitch ${vswitch.name} has it as an uplink without \`offload = true\``,
    related: [{ span: vswitch.spans.attrs.offload ?? vswitch.spans.name, message: `vSwitch ${vswitch.name} does not offload into ${pf}` }],
    help: `set \`offload = true\` on vSwitch ${vswitch.name}: the vDPA device's representor is then its port`,
  };
}

export const vdpaWithoutSwitchdev: Rule = {
  meta: ruleMeta({
    id: "vdpa-without-switchdev",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A `vdpa` interface is on a PF that no vSwitch with `offload = true` has as an uplink: the PF is not in switchdev mode, which vDPA needs.",
  }),
  check(model, context) {
    const { flags, target } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & KIND) !== VDPA) continue;
      const pf = model.pfs[target[i]!]!;
      if (!byId(model.lookup.nics, pf.nic).model.vdpa) continue;
      if (eswitchMode(model, pf.id) === "switchdev") continue;
      const iface = model.ifaces[i]!;
      const p = pfRef(pf);
      // A PF is an uplink of one vSwitch at most (resolve refuses a second).
      const { why, related, help } = legacyBecause(model.lookup.vswitchByUplink.get(pf.id), p);
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} is a vDPA device on ${p}, but ${p} is not in switchdev mode (${why}): the VF's representor is in no bridge, so nothing forwards its traffic`,
        related,
        help,
      });
    }
  },
};
