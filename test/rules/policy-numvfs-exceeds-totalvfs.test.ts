import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

describe("policy-numvfs-exceeds-totalvfs", () => {
  it("numVfs above the PF's totalvfs in the node state, located at numVfs with the totalvfs as related", () => {
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "state.yaml": NODE_STATE, "policy.yaml": policy({ numVfs: 96 }) })).toEqual([
      {
        at: "policy.yaml:10:11",
        message: "`numVfs: 96` is more VFs than `ens1f0` on node `worker-0` supports: its totalvfs (64)",
        help: "lower `numVfs` to 64 or less",
        related: ["state.yaml:12:17 ens1f0 supports 64 VFs"],
      },
    ]);
  });

  it("Mellanox PFs are bounded by the webhook's 128 whatever their totalvfs; at the bound nothing is reported", () => {
    const state = NODE_STATE.replace("totalvfs: 127", "totalvfs: 255");
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "state.yaml": state, "p.yaml": policy({ numVfs: 200, pfNames: '["ens1f1"]' }) }).map((f) => f.message)).toEqual([
      "`numVfs: 200` is more VFs than `ens1f1` on node `worker-0` supports: the operator's limit for Mellanox NICs (128)",
    ]);
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "state.yaml": state, "p.yaml": policy({ numVfs: 128, pfNames: '["ens1f1"]' }) })).toEqual([]);
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "state.yaml": NODE_STATE, "p.yaml": policy({ numVfs: 64 }) })).toEqual([]);
  });

  it("numVfs: 0 is not allowed", () => {
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "state.yaml": NODE_STATE, "p.yaml": policy({ numVfs: 0 }) }).map((f) => `${f.at} ${f.message}`)).toEqual(["p.yaml:10:11 `numVfs: 0` is not allowed"]);
  });

  it("the inventory can be a .sriov file checked with the policy: its host and max_vfs", () => {
    const hardware = `host worker-0 {\n  nic x710 {\n    model = "intel-x710"\n    pf ens1f0 {\n      max_vfs = 16\n    }\n  }\n}\n`;
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "hw.sriov": hardware, "p.yaml": policy({ numVfs: 32 }) })).toEqual([
      { at: "p.yaml:10:11", message: "`numVfs: 32` is more VFs than `ens1f0` on node `worker-0` supports: its totalvfs (16)", help: "lower `numVfs` to 16 or less", related: ["hw.sriov:5:17 ens1f0 supports 16 VFs"] },
    ]);
  });

  it("a host with a `node` is that node's inventory, as `--emit k8s` and the importers name it", () => {
    const node = "ip-10-0-1-5.ec2.internal";
    const hardware = `host ip-10-0-1-5_ec2_internal {\n  node = "${node}"\n  nic x710 {\n    model = "intel-x710"\n    pf ens1f0 {\n      max_vfs = 16\n    }\n  }\n}\n`;
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "hw.sriov": hardware, "p.yaml": policy({ numVfs: 32, host: node }) })).toEqual([
      { at: "p.yaml:10:11", message: `\`numVfs: 32\` is more VFs than \`ens1f0\` on node \`${node}\` supports: its totalvfs (16)`, help: "lower `numVfs` to 16 or less", related: ["hw.sriov:6:17 ens1f0 supports 16 VFs"] },
    ]);
  });

  it("without an inventory for the node there is nothing to compare with", () => {
    expect(findingsIn("policy-numvfs-exceeds-totalvfs", { "p.yaml": policy({ numVfs: 500 }) })).toEqual([]);
  });
});
