/**
 * `vdpa-without-switchdev`: a `vdpa(p)` interface on a PF that is not in switchdev mode, that is, that no
 * vSwitch with `offload = true` has as an uplink (topology.ts, `switchdevPfs`). A vDPA device needs that
 * mode: the sriov-network-operator refuses a policy with `vdpaType` unless `eSwitchMode: switchdev`
 * (pkg/webhook/validate.go: "vdpa requires the device to be configured in switchdev mode"), and OpenStack
 * Nova supports vDPA ports only with hardware-offloaded OVS as their control plane (doc/source/admin/vdpa.rst).
 * Without it the VF's representor is in no bridge, and nothing forwards between the wire and the VM. A
 * model without vDPA is offload-unsupported's finding, and is left to it.
 */
import { byId, type Vswitch } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, KIND, VDPA } from "./iface-facts.js";
import { andList, switchdevPfs } from "./topology.js";

export const vdpaWithoutSwitchdev: Rule = {
  meta: ruleMeta({
    id: "vdpa-without-switchdev",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A `vdpa` interface is on a PF that no vSwitch with `offload = true` has as an uplink: the PF is not in switchdev mode, which vDPA needs.",
  }),
  check(model, context) {
    const { flags, target } = ifaceFacts(model);
    let switchdev: Set<string> | undefined;
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & KIND) !== VDPA) continue;
      const pf = model.pfs[target[i]!]!;
      if (!byId(model.lookup.nics, pf.nic).model.vdpa) continue;
      switchdev ??= switchdevPfs(model);
      if (switchdev.has(pf.id)) continue;
      const iface = model.ifaces[i]!;
      const p = pfRef(pf);
      // The vSwitches that have the PF as an uplink without offloading (at most one: one vSwitch per uplink).
      const switches: Vswitch[] = model.vswitches.filter((s) => s.host === pf.host && s.uplinks.includes(pf.id));
      const why =
        switches.length === 0
          ? `no vSwitch with \`offload = true\` has it as an uplink`
          : `vSwitch ${andList(switches.map((s) => s.name))} has it as an uplink without \`offload = true\``;
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} is a vDPA device on ${p}, but ${p} is not in switchdev mode (${why}): the VF's representor is in no bridge, so nothing forwards its traffic`,
        related: switches.map((s) => ({ span: s.spans.attrs.offload ?? s.spans.name, message: `vSwitch ${s.name} does not offload into ${p}` })),
        help:
          switches.length === 0
            ? `add a vSwitch that offloads into ${p} (\`vswitch br-int { type = ovs  uplinks = [${p}]  offload = true }\`): the vDPA device's representor is its port`
            : `set \`offload = true\` on vSwitch ${switches[0]!.name}: the vDPA device's representor is then its port`,
      });
    }
  },
};
