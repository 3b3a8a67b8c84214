import { describe, expect, it } from "vitest";
import { findingsIn, network, NODE_STATE, policy } from "../helpers/check-interop.js";

const at = (f: { at: string; message: string; help: string | undefined }) => `${f.at} ${f.message} | ${f.help}`;

describe("invalid-field-value", () => {
  it("a quoted number, an unquoted id, a value outside its enum and bounds, each at its value", () => {
    const text = policy({ extra: "  deviceType: vfio\n  priority: 120\n" }).replace("numVfs: 8", 'numVfs: "8"').replace('    pfNames: ["ens1f0"]', '    pfNames: ["ens1f0"]\n    vendor: 8086');
    expect(findingsIn("invalid-field-value", { "p.yaml": text }).map(at)).toEqual([
      'p.yaml:10:11 `numVfs` is a string, and the CRD wants an integer: the API server refuses the object | write it without quotes: `numVfs: 8`',
      'p.yaml:13:13 `nicSelector.vendor` is an integer, and the CRD wants a string: the API server refuses the object | quote it: `vendor: "8086"`',
      "p.yaml:14:15 `deviceType: vfio` is not one of `netdevice`, `vfio-pci`: the API server refuses the object | did you mean `vfio-pci`?",
      "p.yaml:15:13 `priority: 120` is above the CRD's maximum (99): the API server refuses the object | use at most 99",
    ]);
  });

  it("a bare on/off is a boolean in Kubernetes' YAML 1.1: refused where the CRD wants the string", () => {
    expect(findingsIn("invalid-field-value", { "n.yaml": network("  resourceName: intelnics\n  spoofChk: off\n  trust: \"on\"\n  vlan: 5000\n") }).map(at)).toEqual([
      'n.yaml:7:13 `spoofChk` is a boolean, and the CRD wants a string: the API server refuses the object | quote it: `spoofChk: "off"` (Kubernetes reads YAML 1.1, where a bare on/off/yes/no is a boolean)',
      "n.yaml:9:9 `vlan: 5000` is above the CRD's maximum (4094): the API server refuses the object | use at most 4094",
    ]);
  });

  it("a required field left out, at `spec`; a resource name the webhook refuses", () => {
    const text = policy({ resource: "intel-nics" }).replace("  numVfs: 8\n", "");
    expect(findingsIn("invalid-field-value", { "p.yaml": text }).map(at)).toEqual([
      "p.yaml:6:1 `spec` lacks `numVfs`, which the CRD requires: the API server refuses the object | add `numVfs`",
      "p.yaml:9:17 resource name `intel-nics` has characters the operator's webhook refuses: only letters, digits and `_` | write `intel_nics`",
    ]);
  });

  // Their CRDs (schema/operator/), as a SriovNetwork's: the API server refuses what they refuse.
  it("a SriovIBNetwork's and an OVSNetwork's spec, against their CRDs", () => {
    const other = (kind: string, spec: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n${spec}`;
    expect(findingsIn("invalid-field-value", { "ib.yaml": other("SriovIBNetwork", "  resourceName: mlxib\n  linkState: up\n"), "ovs.yaml": other("OVSNetwork", "  vlan: 5000\n  mtu: \"9000\"\n") }).map(at)).toEqual([
      "ib.yaml:7:14 `linkState: up` is not one of `auto`, `enable`, `disable`: the API server refuses the object | write one of `auto`, `enable`, `disable`",
      "ovs.yaml:5:1 `spec` lacks `resourceName`, which the CRD requires: the API server refuses the object | add `resourceName`",
      "ovs.yaml:6:9 `vlan: 5000` is above the CRD's maximum (4095): the API server refuses the object | use at most 4095",
      "ovs.yaml:7:8 `mtu` is a string, and the CRD wants an integer: the API server refuses the object | write it without quotes: `mtu: 9000`",
    ]);
  });

  it("valid objects, node states and the operator's own quoting are not reported", () => {
    expect(findingsIn("invalid-field-value", { "s.yaml": NODE_STATE, "p.yaml": policy(), "n.yaml": network('  resourceName: intelnics\n  spoofChk: "off"\n  vlan: 100\n') })).toEqual([]);
  });
});
