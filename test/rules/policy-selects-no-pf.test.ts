import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

describe("policy-selects-no-pf", () => {
  it("a pfNames entry that the node lacks, at the nicSelector, naming the node's interfaces", () => {
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": policy({ pfNames: '["ens2f0"]' }) })).toEqual([
      {
        at: "p.yaml:11:3",
        message: "this nicSelector selects no interface of node `worker-0`",
        help: "the node has `ens1f0`, `ens1f1`: check `pfNames`, `rootDevices`, `vendor` and `deviceID`",
        related: ["p.yaml:8:29 node chosen here"],
      },
    ]);
  });

  it("every criterion must match: the right name with another vendor's deviceID selects nothing", () => {
    const extra = "";
    const text = policy({ extra }).replace('    pfNames: ["ens1f0"]', '    pfNames: ["ens1f0"]\n    deviceID: "1017"');
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": text }).map((f) => f.message)).toEqual(["this nicSelector selects no interface of node `worker-0`"]);
  });

  it("a match, a node without inventory, or a policy chosen by other labels that selects on some node is not reported", () => {
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": policy() })).toEqual([]);
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": policy({ pfNames: '["ens2f0"]', host: "worker-9" }) })).toEqual([]);
    const otherNode = NODE_STATE.replace("name: worker-0", "name: worker-1").replace("name: ens1f0", "name: ens2f0");
    const byLabel = policy({ pfNames: '["ens2f0"]' }).replace("kubernetes.io/hostname: worker-0", 'feature.node.kubernetes.io/network-sriov.capable: "true"');
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "state-1.yaml": otherNode, "p.yaml": byLabel })).toEqual([]);
  });

  it("a policy without a nicSelector is the missing field's error alone, not a nicSelector that selects nothing", () => {
    const bare = "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata:\n  name: sriovnetworknodepolicy-sample\nspec:\n  # Add fields here\n  foo: bar\n";
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": bare })).toEqual([]);
    expect(findingsIn("invalid-field-value", { "state.yaml": NODE_STATE, "p.yaml": bare }).map((f) => `${f.at} ${f.message}`)).toEqual([
      "p.yaml:5:1 `spec` lacks `nicSelector`, `nodeSelector`, `numVfs`, `resourceName`, which the CRD requires: the API server refuses the object",
    ]);
  });

  it("a policy chosen by other labels that selects no interface on any node given (as the webhook refuses it)", () => {
    const byLabel = policy({ pfNames: '["ens2f0"]' }).replace("kubernetes.io/hostname: worker-0", 'feature.node.kubernetes.io/network-sriov.capable: "true"');
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": byLabel })).toEqual([
      {
        at: "p.yaml:11:3",
        message: "this nicSelector selects no interface of any node given (`worker-0`)",
        help: "check `pfNames`, `rootDevices`, `vendor` and `deviceID` against the node states",
        related: ["p.yaml:7:3 nodes chosen by label (feature.node.kubernetes.io/network-sriov.capable: true)"],
      },
    ]);
  });

  it("a .sriov host as the inventory: a NIC model stands for each of its PCI device ids (an E810 is 1592, 1593, 159b…), not only the first", () => {
    const hw = 'host worker-0 {\n  nic e810 {\n    model = "intel-e810"\n    pf ens1f0 {\n      pci = 0000:86:00.0\n      vfs = 8\n      max_vfs = 64\n    }\n  }\n}\n';
    const withIds = (vendor: string, device: string) => policy().replace('    pfNames: ["ens1f0"]', `    pfNames: ["ens1f0"]\n    vendor: "${vendor}"\n    deviceID: "${device}"`);
    // 8086:159b is the E810-XXV (the E810-XXVDA2 board), 8086:1572 an X710: another model.
    expect(findingsIn("policy-selects-no-pf", { "hw.sriov": hw, "p.yaml": withIds("8086", "159b") })).toEqual([]);
    expect(findingsIn("policy-selects-no-pf", { "hw.sriov": hw, "p.yaml": withIds("8086", "1572") }).map((f) => `${f.at} ${f.message}`)).toEqual(["p.yaml:11:3 this nicSelector selects no interface of node `worker-0`"]);
  });
});
