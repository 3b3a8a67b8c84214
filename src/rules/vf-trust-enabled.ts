/** `vf-trust-enabled`: a VF runs in trusted mode (`trust = true`). */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef } from "./names.js";
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
    for (const iface of topologyOf(model).ifaces) {
      if (iface.attachment.kind !== "vf" || !iface.trust.value) continue;
      const span = iface.trust.span ?? iface.attachSpan;
      context.report({
        span,
        message: `${ifaceRef(iface)} puts its VF in trusted mode (\`trust = true\`): the guest can change its MAC and turn on promiscuous mode`,
        help: "leave `trust = false` unless the guest needs it (bonding, VRRP, many VLANs); then say why: `// sriovc-disable-next-line vf-trust-enabled -- reason`",
        fixes:
          iface.trust.span === undefined
            ? []
            : [{ description: "turn trusted mode off: `trust = false`", safe: false, edits: [{ range: iface.trust.span, text: "false" }] }],
      });
    }
  },
};
