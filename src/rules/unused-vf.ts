/** `unused-vf`: a PF enables VFs that no interface uses. */
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, takesVfKind } from "./iface-facts.js";
import { plural } from "../domain/plural.js";

export const unusedVf: Rule = {
  meta: ruleMeta({
    id: "unused-vf",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A PF enables VFs that no interface uses.",
  }),
  check(model, context) {
    // PFs with a VF user, by position in `model.pfs`, from the attachments read once per check for every
    // rule (iface-facts.ts).
    const { flags, target } = ifaceFacts(model);
    const used = new Uint8Array(model.pfs.length);
    for (let i = 0; i < flags.length; i++) if (takesVfKind(flags[i]!)) used[target[i]!] = 1;
    for (let p = 0; p < model.pfs.length; p++) {
      const pf = model.pfs[p]!;
      const vfs = pf.vfs;
      if (vfs === 0 || used[p] === 1) continue;
      context.report({
        span: pf.spans.attrs.vfs ?? pf.spans.name,
        message: `${pfRef(pf)} enables ${plural(vfs, "VF")}, but no interface uses ${vfs === 1 ? "it" : "them"}`,
        help: `attach interfaces with \`vf(${pfRef(pf)})\`, or remove \`vfs\`: each enabled VF holds queues and interrupt vectors`,
      });
    }
  },
};
