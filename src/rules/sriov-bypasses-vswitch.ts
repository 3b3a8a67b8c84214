/** `sriov-bypasses-vswitch`: an SR-IOV interface relies on vSwitch features that its traffic bypasses. */
import type { Feature } from "../domain/enums.js";
import type { RelatedSpan } from "../diagnostics/diagnostic.js";
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef, vfCall } from "./names.js";
import { acceptedAlternatives, orList } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, push, type HostView, type PfView, type VswitchView } from "./topology.js";

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
    const topology = topologyOf(model);
    const switchesOf = new Map<PfView, VswitchView[]>();
    for (const vswitch of topology.vswitches) for (const pf of vswitch.uplinks.value) push(switchesOf, pf, vswitch);
    // The vSwitch to suggest, per host and set of required features: looked up once per distinct set, so
    // the check stays linear however many interfaces require the same features.
    const keepers = new Map<string, VswitchView | undefined>();
    const keeperFor = (host: HostView, required: readonly Feature[]): VswitchView | undefined => {
      const key = `${host.id}\u0000${required.join(",")}`;
      if (!keepers.has(key))
        keepers.set(
          key,
          topology.vswitches.find((s) => s.host === host && required.every((f) => s.features.value.includes(f))),
        );
      return keepers.get(key);
    };
    for (const iface of topology.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf") continue;
      const pf = pfRef(attachment.pf);
      const switches = switchesOf.get(attachment.pf) ?? [];
      const required = iface.requires.value;
      const lost = [...new Set([...required, ...switches.flatMap((s) => s.features.value)])];
      if (lost.length === 0) continue;
      const verb = lost.length === 1 ? "does" : "do";
      const related: RelatedSpan[] = [];
      if (iface.requires.span !== undefined && required.length > 0) related.push({ span: iface.requires.span, message: "required here" });
      for (const s of switches)
        if (s.features.value.length > 0) related.push({ span: s.features.span ?? s.nameSpan, message: `features of vSwitch ${s.name}` });
      if (switches.length > 0) {
        const names = andList(switches.map((s) => s.name));
        context.report({
          span: iface.attachSpan,
          message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(attachment)}\`), so its traffic bypasses vSwitch ${names}: ${andList(lost)} ${verb} not apply to it`,
          related,
          help: keepingHelp(acceptedAlternatives(iface, topology, ["vmdq", "vswitch"]), lost),
        });
        continue;
      }
      // No vSwitch uplinks this PF: suggest one of the host's vSwitches that has every required feature.
      const keeper = keeperFor(iface.host, required);
      context.report({
        span: iface.attachSpan,
        message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(attachment)}\`), so its traffic bypasses every vSwitch: ${andList(lost)}, which it requires, ${verb} not apply to it`,
        related,
        help:
          keeper === undefined
            ? `no vSwitch of ${iface.host.name} has ${andList(lost)}: add one that has, and attach with \`vswitch(...)\``
            : keepingHelp(acceptedAlternatives(iface, topology, ["vswitch"]).filter((call) => call === `vswitch(${keeper.name})`), lost),
      });
    }
  },
};
