/**
 * `vf-only-attribute`: `trust` or `spoofchk` is written on an interface that has no VF (`pf`, `vmdq` or
 * `vswitch`). They are the PF driver's per-VF settings (`ip link set <pf> vf N trust|spoofchk`): nothing
 * applies them to a port, a VMDq pool or a vSwitch port, so the setting is silently ignored.
 */
import type { Attachment, Iface, Model } from "../semantics/model.js";
import { byId } from "../semantics/model.js";
import { ifaceRef, pfRef } from "./names.js";
import { ifaceFacts, takesVfKind } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";

/** The VF settings this rule looks for, by their attribute names. */
const VF_SETTINGS = ["trust", "spoofchk"] as const;

/** Whether `trust` or `spoofchk` is written on an interface: on a path without a VF, this rule reports it. */
export function writesVfSetting(iface: Iface): boolean {
  return VF_SETTINGS.some((attr) => iface.spans.attrs[attr] !== undefined);
}

/** What an interface without a VF is attached to, in a message's words. */
function noVf(model: Model, attachment: Exclude<Attachment, { kind: "vf" | "vdpa" }>): string {
  switch (attachment.kind) {
    case "pf":
      return `uses the whole PF ${pfRef(byId(model.lookup.pfs, attachment.pf))} (\`pf(...)\`)`;
    case "vmdq":
      return `is a VMDq pool of ${pfRef(byId(model.lookup.pfs, attachment.pf))} (\`vmdq(...)\`)`;
    case "vswitch":
      return `is a vSwitch port (\`vswitch(${byId(model.lookup.vswitches, attachment.vswitch).name})\`)`;
  }
}

export const vfOnlyAttribute: Rule = {
  meta: ruleMeta({
    id: "vf-only-attribute",
    defaultSeverity: "warning",
    category: "hygiene",
    summary: "`trust` or `spoofchk` is written on an interface that is not a VF, where it has no effect.",
  }),
  check(model, context) {
    // The interfaces' kinds read once per check for every rule (iface-facts.ts): only one without a VF is read.
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      if (takesVfKind(flags[i]!)) continue;
      const iface: Iface = model.ifaces[i]!;
      const { attachment } = iface;
      if (attachment.kind === "vf" || attachment.kind === "vdpa") continue;
      for (const attr of VF_SETTINGS) {
        const span = iface.spans.attrs[attr];
        if (span === undefined) continue;
        context.report({
          span,
          message: `\`${attr}\` has no effect on ${ifaceRef(iface)}: it is a VF setting, and ${ifaceRef(iface)} ${noVf(model, attachment)}`,
          help: `remove \`${attr}\`, or attach ${ifaceRef(iface)} to a VF (\`vf(...)\`)`,
        });
      }
    }
  },
};
