import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE } from "../helpers/check-interop.js";

/** NODE_STATE (worker-0: ens1f0 at 0000:18:00.0, ens1f1 at 0000:86:00.0) with `numVfs` on ens1f0, or as it is (no VFs). */
const state = (numVfs?: number) => (numVfs === undefined ? NODE_STATE : NODE_STATE.replace("      mtu: 1500\n      totalvfs: 64", `      mtu: 1500\n      numVfs: ${numVfs}\n      totalvfs: 64`));

/** A config.json with one resource whose `selectors` is `selectors`: its resourceName's value is at line 4, column 23. */
const config = (selectors: string) => `{
  "resourceList": [
    {
      "resourceName": "intel_sriov_netdevice",
      "selectors": ${selectors}
    }
  ]
}
`;

const findings = (selectors: string, numVfs?: number) => findingsIn("plugin-selects-no-vf", { "state.yaml": state(numVfs), "config.json": config(selectors) });

describe("plugin-selects-no-vf", () => {
  it("a name no PF of the nodes has: at the resourceName, with the PFs the nodes have", () => {
    expect(findings('{ "pfNames": ["ens9f0#0-3"] }', 4)).toEqual([
      {
        at: "config.json:4:23",
        message: "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): no PF of them is `ens9f0`",
        help: "the nodes have `ens1f0` (0000:18:00.0), `ens1f1` (0000:86:00.0): check `pfNames` (PF names, matched whole, ignoring case) and `rootDevices` (PF PCI addresses with their domain, `0000:18:00.0`)",
        related: [],
      },
    ]);
  });

  it("a name and an address of two different PFs: both selectors must keep a VF", () => {
    expect(findings('{ "pfNames": ["ens1f0"], "rootDevices": ["0000:86:00.0"] }', 4).map((f) => f.message)).toEqual([
      "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): no PF of them is both one `pfNames` names (`ens1f0`) and at an address `rootDevices` names (`0000:86:00.0`): the plugin needs both",
    ]);
    expect(findings('{ "pfNames": ["ens1f0"], "rootDevices": ["0000:18:00.1"] }', 4).map((f) => f.message)).toEqual([
      "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): no PF of them is `0000:18:00.1`",
    ]);
  });

  it("a PF it names that has no VFs, and ranges that keep none of the VFs it has", () => {
    expect(findings('{ "rootDevices": ["0000:18:00.0"] }')).toEqual([
      {
        at: "config.json:4:23",
        message: "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): `ens1f0` on `worker-0` has no VFs",
        help: "create VFs on the PFs it names (a SriovNetworkNodePolicy's `numVfs`), or name PFs that have VFs",
        related: [],
      },
    ]);
    expect(findings('{ "pfNames": ["ens1f0#0-1"], "rootDevices": ["0000:18:00.0#2-3"] }', 4).map((f) => `${f.message} (${f.help})`)).toEqual([
      "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): `ens1f0` on `worker-0` has 4 VFs (0–3), none of which `ens1f0#0-1` and `0000:18:00.0#2-3` select together (name VFs the PFs have in the ranges (`#first-last`, indices from 0))",
    ]);
  });

  it("is matched as the plugin matches: a name in another case, the first entry for a PF, a list read up to its first bad part", () => {
    expect(findings('{ "pfNames": ["ENS1F0"] }', 4)).toEqual([]);
    expect(findings('{ "pfNames": ["ens1f0#9", "ens1f0#0-3"] }', 4).map((f) => f.message)).toEqual([
      "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): `ens1f0` on `worker-0` has 4 VFs (0–3), none of which `ens1f0#9` selects",
    ]);
    expect(findings('{ "pfNames": ["ens1f0#x,0-3"] }', 4)).toHaveLength(1);
    expect(findings('{ "pfNames": ["ens1f0#0, 1"] }', 4)).toEqual([]);
  });

  it("a VF list in the node state: VFs bound to a driver `drivers` does not name are dropped", () => {
    const listed = state(2).replace("      totalvfs: 64\n", `      totalvfs: 64\n      Vfs:\n        - vfID: 0\n          driver: iavf\n        - vfID: 1\n          driver: iavf\n`);
    expect(findingsIn("plugin-selects-no-vf", { "state.yaml": listed, "config.json": config('{ "pfNames": ["ens1f0"], "drivers": ["vfio-pci"] }') })).toEqual([
      {
        at: "config.json:4:23",
        message: "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): `ens1f0` on `worker-0` has 2 VFs (0–1): the node state gives the driver of VFs 0–1 as `iavf`, which `drivers` does not name",
        help: "the node state's VF list gives what the plugin reads of each VF: name those values in the selector, or bind the VFs as it asks (its `drivers`)",
        related: [],
      },
    ]);
    expect(findingsIn("plugin-selects-no-vf", { "state.yaml": listed, "config.json": config('{ "pfNames": ["ens1f0"], "drivers": ["iavf"] }') })).toEqual([]);
  });

  it("reads every selector object of the resource together; is silent without a node, and on auxNetDevice resources", () => {
    expect(findings('[{ "pfNames": ["ens9f0"] }, { "pfNames": ["ens1f0"] }]', 4)).toEqual([]);
    expect(findings('[{ "pfNames": ["ens9f0"] }, { "pfNames": ["ens9f1"] }]', 4).map((f) => f.message)).toEqual([
      "device plugin resource `intel_sriov_netdevice` selects no VF on any node given (`worker-0`): no PF of them is `ens9f0`, `ens9f1`",
    ]);
    expect(findingsIn("plugin-selects-no-vf", { "config.json": config('{ "pfNames": ["ens9f0"] }') })).toEqual([]);
    const aux = `{ "resourceList": [{ "resourceName": "sf", "deviceType": "auxNetDevice", "selectors": { "pfNames": ["ens9f0#1-5"] } }] }`;
    expect(findingsIn("plugin-selects-no-vf", { "state.yaml": state(4), "config.json": aux })).toEqual([]);
  });
});
