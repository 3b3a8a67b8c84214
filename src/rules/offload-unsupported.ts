/**
 * `offload-unsupported`: a vSwitch asks for hardware offload (`offload = true`) into an uplink whose NIC
 * model has no switchdev mode, or an interface asks for `vdpa(...)` on a model without vDPA. The catalogue
 * decides (docs/NIC-CATALOGUE.md); unknown means unsupported.
 */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const offloadUnsupported: Rule = {
  meta: ruleMeta({
    id: "offload-unsupported",
    defaultSeverity: "error",
    category: "resources",
    summary: "A vSwitch offloads into a NIC without switchdev, or a `vdpa` interface is on a NIC without vDPA.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    for (const vswitch of topology.vswitches) {
      if (!vswitch.offload.value) continue;
      const span = vswitch.offload.span ?? vswitch.nameSpan;
      if (vswitch.uplinks.value.length === 0) {
        context.report({
          span,
          message: `vSwitch ${vswitch.name} has \`offload = true\` but no uplink: there is no embedded switch to offload its rules into`,
          help: `add the switchdev PF to \`uplinks\` of ${vswitch.name}, or set \`offload = false\``,
        });
        continue;
      }
      for (const pf of vswitch.uplinks.value) {
        if (pf.nic.switchdev) continue;
        context.report({
          span,
          message: `vSwitch ${vswitch.name} offloads its rules into ${pfRef(pf)}, but the ${pf.nic.model} has no switchdev mode (no representor ports, no tc-flower offload)`,
          related: vswitch.uplinks.span === undefined ? [] : [{ span: vswitch.uplinks.span, message: "uplinks listed here" }],
          help: `use a NIC model with switchdev for ${pfRef(pf)} (\`"intel-e810"\`, \`"nvidia-cx5"\`, \`"nvidia-cx6"\`, \`"broadcom-57414"\`), or set \`offload = false\``,
        });
      }
    }
    for (const iface of topology.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf" || attachment.mode !== "vdpa" || attachment.pf.nic.vdpa) continue;
      const pf = pfRef(attachment.pf);
      context.report({
        span: iface.attachSpan,
        message: `${ifaceRef(iface)} asks for a vDPA device on ${pf}, but the ${attachment.pf.nic.model} has no vDPA support (its VFs cannot speak virtio)`,
        help: `use a NIC model with vDPA (\`"nvidia-cx6"\`), or attach with \`vf(${pf})\` (no live migration) or \`vswitch(...)\``,
      });
    }
  },
};
