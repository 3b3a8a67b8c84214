/** `unused-declaration`: a vSwitch, template or NIC that nothing references. */
import { byId } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VSWITCH } from "./iface-facts.js";

export const unusedDeclaration: Rule = {
  meta: ruleMeta({
    id: "unused-declaration",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A vSwitch, template or NIC that nothing references.",
  }),
  check(model, context) {
    // PFs and vSwitches attached to, by position in their lists, from the attachments read once per
    // check for every rule (iface-facts.ts).
    const { flags, target } = ifaceFacts(model);
    const pfAttached = new Uint8Array(model.pfs.length);
    const switchAttached = new Uint8Array(model.vswitches.length);
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & KIND) === VSWITCH) switchAttached[target[i]!] = 1;
      else pfAttached[target[i]!] = 1;
    }
    const usedPfs = new Set<string>();
    for (let p = 0; p < model.pfs.length; p++) if (pfAttached[p] === 1) usedPfs.add(model.pfs[p]!.id);
    const attachedSwitches = new Set<string>();
    for (let s = 0; s < model.vswitches.length; s++) if (switchAttached[s] === 1) attachedSwitches.add(model.vswitches[s]!.id);
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
        help: "attach an interface to one of its PFs or make one a vSwitch uplink, or remove it",
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
