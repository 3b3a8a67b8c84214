/** `vf-trust-enabled`: a VF runs in trusted mode (`trust = true`). */
import { attachSpan, ifaceRef, vfUser } from "./names.js";
import { ifaceFacts, takesVfKind, TRUSTED } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vfTrustEnabled: Rule = {
  meta: ruleMeta({
    id: "vf-trust-enabled",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VF runs in trusted mode (`trust = true`): the guest may change its MAC and see others' traffic.",
    fixable: true,
  }),
  check(model, context) {
    // The interfaces' kinds and flags read once per check for every rule (iface-facts.ts).
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & TRUSTED) === 0 || !takesVfKind(f)) continue;
      const iface = model.ifaces[i]!;
      const trustSpan = iface.spans.attrs.trust;
      const span = trustSpan ?? attachSpan(iface);
      context.report({
        span,
        message: `${ifaceRef(iface)} puts its VF in trusted mode (\`trust = true\`): ${vfUser(iface)} can change its MAC and turn on promiscuous mode`,
        help: `leave \`trust = false\` unless ${vfUser(iface)} needs trusted mode (bonding, VRRP, many VLANs); then say why: \`// sriovc-disable-next-line vf-trust-enabled -- reason\``,
        fixes:
          trustSpan === undefined
            ? []
            : [{ description: "turn trusted mode off: `trust = false`", safe: false, edits: [{ range: trustSpan, text: "false" }] }],
      });
    }
  },
};
