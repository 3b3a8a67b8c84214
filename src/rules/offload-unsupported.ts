/**
 * `offload-unsupported`: a vSwitch asks for hardware offload (`offload = true`) into an uplink whose NIC
 * model has no switchdev mode, or an interface asks for `vdpa(...)` on a model without vDPA. The catalogue
 * decides (docs/NIC-CATALOGUE.md); unknown means unsupported.
 */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VDPA } from "./iface-facts.js";

export const offloadUnsupported: Rule = {
  meta: ruleMeta({
    id: "offload-unsupported",
    defaultSeverity: "error",
    category: "resources",
    summary: "A vSwitch offloads into a NIC without switchdev, or a `vdpa` interface is on a NIC without vDPA.",
  }),
  check(model, context) {
    for (const vswitch of model.vswitches) {
      if (!vswitch.offload) continue;
      const span = vswitch.spans.attrs.offload ?? vswitch.spans.name;
      if (vswitch.uplinks.length === 0) {
        context.report({
          span,
          message: `vSwitch ${vswitch.name} has \`offload = true\` but no uplink: there is no embedded switch to offload its rules into`,
          help: `add the switchdev PF to \`uplinks\` of ${vswitch.name}, or set \`offload = false\``,
        });
        continue;
      }
      const uplinksSpan = vswitch.spans.attrs.uplinks;
      for (const pfId of vswitch.uplinks) {
        const pf = byId(model.lookup.pfs, pfId);
        const nicModel = byId(model.lookup.nics, pf.nic).model;
        if (nicModel.switchdev) continue;
        context.report({
          span,
          message: `vSwitch ${vswitch.name} offloads its rules into ${pfRef(pf)}, but the ${nicModel.id} has no switchdev mode (no representor ports, no tc-flower offload)`,
          related: uplinksSpan === undefined ? [] : [{ span: uplinksSpan, message: "uplinks listed here" }],
          help: `use a NIC model with switchdev for ${pfRef(pf)} (\`"intel-e810"\`, \`"nvidia-cx5"\`, \`"nvidia-cx6"\`, \`"broadcom-57414"\`), or set \`offload = false\``,
        });
      }
    }
    // Only vDPA interfaces: the attachment kinds read once per check for every rule (iface-facts.ts).
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & KIND) !== VDPA) continue;
      const iface = model.ifaces[i]!;
      const attachment = iface.attachment;
      if (attachment.kind !== "vdpa") continue;
      const vdpaPf = byId(model.lookup.pfs, attachment.pf);
      const nicModel = byId(model.lookup.nics, vdpaPf.nic).model;
      if (nicModel.vdpa) continue;
      const pf = pfRef(vdpaPf);
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} asks for a vDPA device on ${pf}, but the ${nicModel.id} has no vDPA support (its VFs cannot speak virtio)`,
        help: `use a NIC model with vDPA (\`"nvidia-cx6"\`), or attach with \`vf(${pf})\` (no live migration) or \`vswitch(...)\``,
      });
    }
  },
};
