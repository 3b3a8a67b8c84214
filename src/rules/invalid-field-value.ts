/**
 * `invalid-field-value`: reported on the files `sriovc check` and `sriovc import` read, not on the `.sriov`
 * model: by src/interop/k8s/field-values.ts and src/interop/k8s/network-fields.ts on operator objects, and by
 * src/interop/import/libvirt.ts on libvirt XML that libvirt refuses to run (`<driver name='kvm'/>`, a MAC it
 * cannot parse). Meta only, so that config, SARIF and `sriovc explain` know the rule. The rule is
 * configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const invalidFieldValue: Rule = {
  meta: ruleMeta({
    id: "invalid-field-value",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A value refused where it is applied: an operator object's field that the API server (CRD schema) or the operator's webhook refuses (a quoted number, a bare `on`, a value outside its enum or bounds) or that the operator cannot render (an `ipam` that is not JSON, a `metaPlugins` that is not JSON objects separated by commas, a `networkNamespace` no namespace can have), a device plugin `pKeys` entry that can match no VF, or libvirt XML that libvirt will not run (`<driver name='kvm'/>`, a MAC it cannot parse).",
  }),
};
