/** `unused-declaration`: a vSwitch, template or NIC that nothing references. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { PfView, VswitchView } from "./topology.js";

export const unusedDeclaration: Rule = {
  meta: ruleMeta({
    id: "unused-declaration",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A vSwitch, template or NIC that nothing references.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const usedPfs = new Set<PfView>();
    const attachedSwitches = new Set<VswitchView>();
    for (const iface of topology.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind === "vswitch") attachedSwitches.add(attachment.vswitch);
      else usedPfs.add(attachment.pf);
    }
    for (const vswitch of topology.vswitches) for (const pf of vswitch.uplinks.value) usedPfs.add(pf);
    const usedNics = new Set([...usedPfs].map((pf) => pf.nic));
    for (const vswitch of topology.vswitches) {
      // A vSwitch with uplinks is in use without ports: it switches its PFs' non-VF traffic.
      if (attachedSwitches.has(vswitch) || vswitch.uplinks.value.length > 0) continue;
      context.report({
        span: vswitch.nameSpan,
        message: `vswitch ${vswitch.name} is declared, but no interface attaches to it and it has no uplinks`,
        help: `attach interfaces with \`vswitch(${vswitch.name})\`, or remove it`,
      });
    }
    for (const nic of topology.nics) {
      if (usedNics.has(nic)) continue;
      context.report({
        span: nic.nameSpan,
        message: `nic ${nic.name} is declared, but none of its PFs is used`,
        help: "attach an interface to one of its PFs or make one a vSwitch uplink, or remove the NIC",
      });
    }
    for (const template of topology.templates) {
      if (template.used || !template.inRootFile) continue;
      context.report({
        span: template.nameSpan,
        message: `template ${template.kind} ${template.name} is never used`,
        help: `start a block from it (\`${template.kind} NAME : ${template.name} { ... }\`), or remove it`,
      });
    }
  },
};
