/**
 * `sriov-bypasses-vswitch`: an SR-IOV interface relies on vSwitch features that its traffic bypasses. On
 * a PF in switchdev mode (and a switchdev NIC; src/semantics/switchdev.ts, `representorVswitch`), a
 * `vf`/`vdpa` interface is a representor port of the offloading vSwitch: the features its NIC model can
 * offload still apply to it, so only the others are named.
 */
import type { Feature } from "../domain/enums.js";
import type { RelatedSpan } from "../diagnostics/diagnostic.js";
import { byId, follower, takesVf, type IfaceOwner, type NicModel, type Vswitch } from "../semantics/model.js";
import { representorVswitch } from "../semantics/switchdev.js";
import { ifaceFacts, REQUIRES, takesVfKind } from "./iface-facts.js";
import { attachSpan, ifaceRef, pfRef, vfCall } from "./names.js";
import { acceptedAlternatives, orList } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, push } from "./topology.js";

const NO_SWITCHES: readonly Vswitch[] = [];

/** The accepted paths that keep the features, or what to do when there is none (a VMDq pool is a VM's only). */
function keepingHelp(alternatives: readonly string[], lost: readonly string[], owner: IfaceOwner): string {
  const remedy = owner.kind === "vm" ? "free a VMDq pool or add a vSwitch that has them" : "add a vSwitch that has them";
  return alternatives.length === 0
    ? `no other data path here keeps ${andList(lost)} without raising another finding: ${remedy}`
    : `attach with ${orList(alternatives)}, which keep${alternatives.length === 1 ? "s" : ""} these features`;
}

/**
 * What keeps the features a representor port loses: the software paths its owner can take (`vmdq` only
 * in a VM, `vswitch` in a VM or container; a host's own interface has neither), else a NIC that offloads them.
 */
function representorHelp(owner: IfaceOwner, pf: string, vswitch: string): string {
  const nic = "use a NIC model that can offload them";
  if (owner.kind === "vm") return `attach with \`vmdq(${pf})\` or \`vswitch(${vswitch})\`, which keep these features, or ${nic}`;
  if (owner.kind === "container") return `attach with \`vswitch(${vswitch})\` (a veth into the vSwitch), which keeps these features, or ${nic}`;
  return nic;
}

/** Whether one of `switches` has features. (A loop: a `some` callback was a closure made per interface.) */
function anyFeatures(switches: readonly Vswitch[]): boolean {
  for (let i = 0; i < switches.length; i++) if (switches[i]!.features.length > 0) return true;
  return false;
}

/**
 * Whether a feature the interface requires, or one of its PF's uplink vSwitches has, does not apply to
 * it: the finding's `lost` list is not empty. Answered without making that list (or the sets it comes
 * from): most interfaces behind an offloading vSwitch lose nothing, and those lists were most of this
 * rule's allocation.
 */
function losesAny(required: readonly Feature[], switches: readonly Vswitch[], representor: Vswitch | undefined, nicModel: NicModel): boolean {
  for (let i = 0; i < required.length; i++) if (!offloaded(required[i]!, representor, nicModel)) return true;
  for (let i = 0; i < switches.length; i++) {
    const features = switches[i]!.features;
    for (let j = 0; j < features.length; j++) if (!offloaded(features[j]!, representor, nicModel)) return true;
  }
  return false;
}

/**
 * Whether `feature` is kept in hardware: the interface is a representor port of a vSwitch that has it
 * (`representor`, on a PF in switchdev mode), and the NIC model offloads it.
 */
function offloaded(feature: Feature, representor: Vswitch | undefined, nicModel: NicModel): boolean {
  return representor !== undefined && nicModel.offloadFeatures.includes(feature) && representor.features.includes(feature);
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
    // The model's lists are in declaration order: each interface's PF and NIC are near the last one's.
    const pfOf = follower(model.pfs, model.lookup.pfs);
    const nicOf = follower(model.nics, model.lookup.nics);
    // Per PF (by position in `model.pfs`): whether an uplink vSwitch of it has features. With the kinds,
    // flags and PF positions read once per check for every rule (iface-facts.ts), an interface that
    // requires nothing behind such a PF is passed over without reading it.
    const { flags, target } = ifaceFacts(model);
    const featured = new Uint8Array(model.pfs.length);
    for (let p = 0; p < model.pfs.length; p++) if (anyFeatures(switchesOf.get(model.pfs[p]!.id) ?? NO_SWITCHES)) featured[p] = 1;
    // Per PF (by position): the vSwitch its VFs are representor ports of, in switchdev mode, or undefined.
    const representors = model.pfs.map((pf) => representorVswitch(model, pf.id));
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if (!takesVfKind(f) || ((f & REQUIRES) === 0 && featured[target[i]!] === 0)) continue;
      const iface = model.ifaces[i]!;
      const attachment = iface.attachment;
      if (!takesVf(attachment)) continue;
      const switches = switchesOf.get(attachment.pf) ?? NO_SWITCHES;
      const required = iface.requires;
      // Nothing required and no uplink vSwitch with features: nothing to lose (most interfaces; no allocation).
      if (required.length === 0 && !anyFeatures(switches)) continue;
      const vfPf = pfOf(attachment.pf);
      const nicModel = nicOf(vfPf.nic).model;
      const representor = representors[target[i]!];
      if (!losesAny(required, switches, representor, nicModel)) continue;
      const lost = [...new Set([...required, ...switches.flatMap((s) => s.features)])].filter((f) => !offloaded(f, representor, nicModel));
      const verb = lost.length === 1 ? "does" : "do";
      const pf = pfRef(vfPf);
      const related: RelatedSpan[] = [];
      const requiresSpan = iface.spans.attrs.requires;
      if (requiresSpan !== undefined && required.length > 0) related.push({ span: requiresSpan, message: "required here" });
      for (const s of switches)
        if (s.features.length > 0) related.push({ span: s.spans.attrs.features ?? s.spans.name, message: `features of vSwitch ${s.name}` });
      if (switches.length > 0) {
        const names = andList(switches.map((s) => s.name));
        if (representor !== undefined) {
          const kept = representor.features.filter((f) => offloaded(f, representor, nicModel));
          context.report({
            span: attachSpan(iface),
            message: `${ifaceRef(iface)} is a representor port of vSwitch ${representor.name} (hardware offload), but the ${nicModel.id} cannot offload ${andList(lost)}: ${lost.length === 1 ? "that feature does" : "those features do"} not apply to it${kept.length > 0 ? ` (${andList(kept)} ${kept.length === 1 ? "is" : "are"} offloaded)` : ""}`,
            related,
            help: representorHelp(iface.owner, pf, switches[0]!.name),
          });
          continue;
        }
        context.report({
          span: attachSpan(iface),
          message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(vfPf, attachment)}\`), so its traffic bypasses vSwitch ${names}: ${andList(lost)} ${verb} not apply to it`,
          related,
          help: keepingHelp(acceptedAlternatives(iface, model, ["vmdq", "vswitch"]), lost, iface.owner),
        });
        continue;
      }
      // No vSwitch uplinks this PF: suggest one of the host's vSwitches that has every required feature.
      const keeper = keeperFor(iface.host, required);
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} uses SR-IOV (\`${vfCall(vfPf, attachment)}\`), so its traffic bypasses every vSwitch: ${andList(lost)}, which it requires, ${verb} not apply to it`,
        related,
        help:
          keeper === undefined
            ? `no vSwitch of ${byId(model.lookup.hosts, iface.host).name} has ${andList(lost)}: add one that has, and attach with \`vswitch(...)\``
            : keepingHelp(acceptedAlternatives(iface, model, ["vswitch"]).filter((call) => call === `vswitch(${keeper.name})`), lost, iface.owner),
      });
    }
  },
};
