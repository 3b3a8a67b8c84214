/** `unused-declaration`: a vSwitch, template or NIC that nothing references. */
import { byId } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";

export const unusedDeclaration: Rule = {
  meta: ruleMeta({
    id: "unused-declaration",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A vSwitch, template or NIC that nothing references.",
  }),
  check(model, context) {
    const usedPfs = new Set<string>();
    const attachedSwitches = new Set<string>();
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind === "vswitch") attachedSwitches.add(attachment.vswitch);
      else usedPfs.add(attachment.pf);
    }
    for (const vswitch of model.vswitches) for (const pf of vswitch.uplinks) usedPfs.add(pf);
    const usedNics = new Set([...usedPfs].map((pf) => byId(model.lookup.pfs, pf).nic));
    for (const vswitch of model.vswitches) {
      // A vSwitch with uplinks is in use without ports: it switches its PFs' non-VF traffic.
      if (attachedSwitches.has(vswitch.id) || vswitch.uplinks.length > 0) continue;
      context.report({
        span: vswitch.spans.name,
        message: `vswitch ${vswitch.name} is declared, but no interface attaches to it and it has no uplinks`,
        help: `attach interfaces with \`vswitch(${vswitch.name})\`, or remove it`,
      });
    }
    for (const nic of model.nics) {
      if (usedNics.has(nic.id)) continue;
      context.report({
        span: nic.spans.name,
        message: `nic ${nic.name} is declared, but none of its PFs is used`,
        help: "attach an interface to one of its PFs or make one a vSwitch uplink, or remove the NIC",
      });
    }
    // Templates of imported files are a library's: only the root file's unused ones are reported.
    const rootFile = model.files[model.files.length - 1];
    for (const template of model.templates) {
      if (template.usedBy.length > 0 || template.span.file !== rootFile) continue;
      context.report({
        span: template.span,
        message: `template ${template.kind} ${template.name} is never used`,
        help: `start a block from it (\`${template.kind} NAME : ${template.name} { ... }\`), or remove it`,
      });
    }
  },
};
