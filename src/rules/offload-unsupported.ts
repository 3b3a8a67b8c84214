/**
 * `offload-unsupported`: a vSwitch asks for hardware offload (`offload = true`) into an uplink whose NIC
 * model has no switchdev mode, or is a VMware standard switch (no representor ports to offload through),
 * or an interface asks for `vdpa(...)` on a model without vDPA. The catalogue decides
 * (docs/NIC-CATALOGUE.md); unknown means unsupported.
 */
import { byId, type NicModel } from "../semantics/model.js";
import { defaultCatalogue, GENERIC_MODEL_ID } from "../semantics/catalogue.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VDPA } from "./iface-facts.js";

/**
 * The catalogue's models that have a capability, as a help lists them (`"intel-e810"`, `"nvidia-cx6"`): read
 * from the catalogue, so a model added to it is named without touching this rule (the list was written out
 * here, and left out the E823-C, which has switchdev).
 */
function modelsWith(has: (model: NicModel) => boolean): string {
  return [...defaultCatalogue().models.values()]
    .filter((m) => m.id !== GENERIC_MODEL_ID && has(m))
    .map((m) => `\`"${m.id}"\``)
    .join(", ");
}

export const offloadUnsupported: Rule = {
  meta: ruleMeta({
    id: "offload-unsupported",
    defaultSeverity: "error",
    category: "resources",
    summary: "A vSwitch offloads into a NIC without switchdev (or is a VMware standard switch, which cannot offload), or a `vdpa` interface is on a NIC without vDPA.",
  }),
  check(model, context) {
    for (const vswitch of model.vswitches) {
      if (!vswitch.offload) continue;
      const span = vswitch.spans.attrs.offload ?? vswitch.spans.name;
      if (vswitch.type === "vss") {
        // Offload is a Linux switch's (OVS through tc flower, OVS-DPDK through rte_flow, a bridge through
        // switchdev); VMware's standard switch has no representor ports to offload through.
        context.report({
          span,
          message: `vSwitch ${vswitch.name} is a VMware standard switch (\`type = vss\`), which offloads nothing into a NIC's embedded switch: \`offload = true\` is OVS hardware offload (tc flower on switchdev representors)`,
          related: vswitch.spans.attrs.type === undefined ? [] : [{ span: vswitch.spans.attrs.type, message: "type set here" }],
          help: `use \`type = ovs\` (or \`ovs_dpdk\`) for an offloading vSwitch, or set \`offload = false\``,
        });
        continue;
      }
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
          help: `use a NIC model with switchdev for ${pfRef(pf)} (${modelsWith((m) => m.switchdev)}), or set \`offload = false\``,
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
        help: `use a NIC model with vDPA (${modelsWith((m) => m.vdpa)}), or attach with \`vf(${pf})\` or \`vswitch(...)\` (a VM that must live-migrate: \`vswitch(...)\`)`,
      });
    }
  },
};
