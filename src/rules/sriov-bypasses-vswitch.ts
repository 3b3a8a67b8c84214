/** `sriov-bypasses-vswitch`: an SR-IOV interface relies on vSwitch features that its traffic bypasses. */
import type { Feature } from "../domain/enums.js";
import type { RelatedSpan } from "../diagnostics/diagnostic.js";
import { byId, type Vswitch } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef, vfCall } from "./names.js";
import { acceptedAlternatives, orList } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, push } from "./topology.js";

/** The accepted paths that keep the features, or what to do when there is none. */
function keepingHelp(alternatives: readonly string[], lost: readonly string[]): string {
  return alternatives.length === 0
    ? `no other data path here keeps ${andList(lost)} without raising another finding: free a VMDq pool or add a vSwitch that has them`
    : `attach with ${orList(alternatives)}, which keep${alternatives.length === 1 ? "s" : ""} these features`;
}

export const sriovBypassesVswitch: Rule = {
  meta: ruleMeta({
    id: "sriov-bypasses-vswitch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "An SR-IOV interface relies on vSwitch features that its traffic bypasses.",
  }),
  check(model, context) {
    const switchesOf = new Map<string, Vswitch[]>();
    for (const vswitch of model.vswitches) for (const pf of vswitch.uplinks) push(switchesOf, pf, vswitch);
    // The vSwitch to suggest, per host and set of required features: looked up once per distinct set, so
    // the check stays linear however many interfaces require the same features.
    const keepers = new Map<string, Vswitch | undefined>();
    const keeperFor = (host: string, required: readonly Feature[]): Vswitch | undefined => {
      const key = `${host}\u0000${required.join(",")}`;
      if (!keepers.has(key))
        keepers.set(
          key,
          model.vswitches.find((s) => s.host === host && required.every((f) => s.features.includes(f))),
        );
      return keepers.get(key);
    };
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf") continue;
      const switches = switchesOf.get(attachment.pf) ?? [];
      const required = iface.requires;
      const lost = [...new Set([...required, ...switches.flatMap((s) => s.features)])];
      if (lost.length === 0) continue;
      const verb = lost.length === 1 ? "does" : "do";
      const vfPf = byId(model.lookup.pfs, attachment.pf);
      const pf = pfRef(vfPf);
      const related: RelatedSpan[] = [];
      const requiresSpan = iface.spans.attrs.requires;
      if (requiresSpan !== undefined && required.length > 0) related.push({ span: requiresSpan, message: "required here" });
      for (const s of switches)
        if (s.features.length > 0) related.push({ span: s.spans.attrs.features ?? s.spans.name, message: `features of vSwitch ${s.name}` });
      if (switches.length > 0) {
        const names = andList(switches.map((s) => s.name));
        context.report({
          span: attachSpan(iface),
          message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(vfPf, attachment.slot)}\`), so its traffic bypasses vSwitch ${names}: ${andList(lost)} ${verb} not apply to it`,
          related,
          help: keepingHelp(acceptedAlternatives(iface, model, ["vmdq", "vswitch"]), lost),
        });
        continue;
      }
      // No vSwitch uplinks this PF: suggest one of the host's vSwitches that has every required feature.
      const keeper = keeperFor(iface.host, required);
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(vfPf, attachment.slot)}\`), so its traffic bypasses every vSwitch: ${andList(lost)}, which it requires, ${verb} not apply to it`,
        related,
        help:
          keeper === undefined
            ? `no vSwitch of ${byId(model.lookup.hosts, iface.host).name} has ${andList(lost)}: add one that has, and attach with \`vswitch(...)\``
            : keepingHelp(acceptedAlternatives(iface, model, ["vswitch"]).filter((call) => call === `vswitch(${keeper.name})`), lost),
      });
    }
  },
};
