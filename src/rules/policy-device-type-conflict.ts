/**
 * `policy-device-type-conflict`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const policyDeviceTypeConflict: Rule = {
  meta: ruleMeta({
    id: "policy-device-type-conflict",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A SriovNetworkNodePolicy combines settings the operator refuses together (vfio-pci with RDMA, switchdev on InfiniBand, vDPA without switchdev).",
  }),
};
