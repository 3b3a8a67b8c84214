/** `vf-spoofcheck-disabled`: a VF has MAC anti-spoofing off (trusted mode is `vf-trust-enabled`). */
import { attachSpan, ifaceRef, vfUser } from "./names.js";
import { takesVf } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vfSpoofcheckDisabled: Rule = {
  meta: ruleMeta({
    id: "vf-spoofcheck-disabled",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VF has MAC anti-spoofing off (`spoofchk = false`).",
    fixable: true,
  }),
  check(model, context) {
    for (const iface of model.ifaces) {
      // The name only for a finding: made for every VF, it was this rule's whole allocation.
      if (!takesVf(iface.attachment) || iface.spoofchk) continue;
      const name = ifaceRef(iface);
      const spoofchkSpan = iface.spans.attrs.spoofchk;
      context.report({
        span: spoofchkSpan ?? attachSpan(iface),
        message: `${name} turns off MAC anti-spoofing on its VF (\`spoofchk = false\`): ${vfUser(iface)} can send frames with any source MAC`,
        help: `keep \`spoofchk = true\` unless ${vfUser(iface)} needs it (bonding, a virtual router); then say why: \`// sriovc-disable-next-line vf-spoofcheck-disabled -- reason\``,
        fixes:
          spoofchkSpan === undefined
            ? []
            : [{ description: "turn MAC anti-spoofing back on: `spoofchk = true`", safe: false, edits: [{ range: spoofchkSpan, text: "true" }] }],
      });
    }
  },
};
