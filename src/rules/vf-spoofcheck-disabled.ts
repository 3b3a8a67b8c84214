/** `vf-spoofcheck-disabled`: a VF has MAC anti-spoofing off (trusted mode is `vf-trust-enabled`). */
import { attachSpan, ifaceRef, vfUser } from "./names.js";
import { ifaceFacts, SPOOFCHK_OFF, takesVfKind } from "./iface-facts.js";
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
    // The interfaces' kinds and flags read once per check for every rule (iface-facts.ts): an interface
    // is looked at only when it has a VF with anti-spoofing off.
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & SPOOFCHK_OFF) === 0 || !takesVfKind(f)) continue;
      const iface = model.ifaces[i]!;
      const name = ifaceRef(iface);
      const spoofchkSpan = iface.spans.attrs.spoofchk;
      context.report({
        span: spoofchkSpan ?? attachSpan(iface),
        message: `${name} turns off MAC anti-spoofing on its VF (\`spoofchk = false\`): ${vfUser(iface)} can send frames with any source MAC`,
        help: `keep \`spoofchk = true\` unless ${vfUser(iface)} needs to send from other MACs (bonding, a virtual router); then say why: \`// sriovc-disable-next-line vf-spoofcheck-disabled -- reason\``,
        fixes:
          spoofchkSpan === undefined
            ? []
            : [{ description: "turn MAC anti-spoofing back on: `spoofchk = true`", safe: false, edits: [{ range: spoofchkSpan, text: "true" }] }],
      });
    }
  },
};
