import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

describe("policy-selects-no-pf", () => {
  it("a pfNames entry that the node lacks, at the nicSelector, naming the node's interfaces", () => {
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": policy({ pfNames: '["ens2f0"]' }) })).toEqual([
      {
        at: "p.yaml:11:3",
        message: "this nicSelector selects no interface of node `worker-0`",
        help: "the node has `ens1f0`, `ens1f1`; check pfNames, rootDevices, vendor and deviceID",
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

  it("a policy chosen by other labels that selects no interface on any node given (as the webhook refuses it)", () => {
    const byLabel = policy({ pfNames: '["ens2f0"]' }).replace("kubernetes.io/hostname: worker-0", 'feature.node.kubernetes.io/network-sriov.capable: "true"');
    expect(findingsIn("policy-selects-no-pf", { "state.yaml": NODE_STATE, "p.yaml": byLabel })).toEqual([
      {
        at: "p.yaml:11:3",
        message: "this nicSelector selects no interface of any node given (`worker-0`)",
        help: "check pfNames, rootDevices, vendor and deviceID against the node states",
        related: ["p.yaml:7:3 nodes chosen by label (feature.node.kubernetes.io/network-sriov.capable: true)"],
      },
    ]);
  });
});
