/**
 * The values written as calls (`attach = vf(x.p0, 2)`, `pattern = burst(32)`): their parameters and what
 * each form means, for completion's snippets and for signature help (signature-help.ts) while the
 * arguments are typed.
 */
export interface Parameter {
  readonly name: string;
  readonly doc: string;
  /** What a snippet puts there first. */
  readonly placeholder: string;
  /** It may be left out (with the comma before it). */
  readonly optional?: true;
}

export interface CallForm {
  readonly name: string;
  /** The attribute whose value it is. */
  readonly attribute: "attach" | "pattern";
  readonly doc: string;
  readonly parameters: readonly Parameter[];
}

const PF: Parameter = { name: "pf", doc: "the PF, as `nic.pf` of this host", placeholder: "pf" };
const INDEX: Parameter = { name: "index", doc: "the VF's index on the PF; left out: the next free VF", placeholder: "0", optional: true };

/** In the order completion offers them. */
export const CALL_FORMS: readonly CallForm[] = [
  { name: "vf", attribute: "attach", doc: "SR-IOV: a VF of the PF, straight into the VM", parameters: [PF, INDEX] },
  { name: "vdpa", attribute: "attach", doc: "vhost-vDPA: a VF speaking virtio to the VM (no transparent live migration: libvirt refuses it); its PF must be an uplink of a vSwitch with `offload = true` (switchdev mode)", parameters: [PF, INDEX] },
  { name: "vmdq", attribute: "attach", doc: "a VMDq queue pool of the PF", parameters: [PF] },
  { name: "vswitch", attribute: "attach", doc: "through a software switch", parameters: [{ name: "sw", doc: "a vSwitch of this host", placeholder: "sw" }] },
  { name: "pf", attribute: "attach", doc: "the port itself (the host's own stack)", parameters: [PF] },
  { name: "burst", attribute: "pattern", doc: "bursts of n packets", parameters: [{ name: "n", doc: "packets per burst", placeholder: "8" }] },
];

/** A form's label with the parameters given: `vf(pf)`, `vf(pf, index)`. */
export function callLabel(form: CallForm, parameters: readonly Parameter[] = form.parameters): string {
  return `${form.name}(${parameters.map((p) => p.name).join(", ")})`;
}

/** A form's snippet with the parameters given: `vf(${1:pf}, ${2:0})`. */
export function callSnippet(form: CallForm, parameters: readonly Parameter[] = form.parameters): string {
  return `${form.name}(${parameters.map((p, i) => `\${${i + 1}:${p.placeholder}}`).join(", ")})`;
}
