import { describe, expect, it } from "vitest";
import { checkFiles, findingsIn, NODE_STATE } from "../helpers/check-interop.js";

/** NODE_STATE with `numVfs` on ens1f0 (line 12), or as it is (totalvfs 64 and no VFs). */
const state = (numVfs?: number) => (numVfs === undefined ? NODE_STATE : NODE_STATE.replace("      mtu: 1500\n      totalvfs: 64", `      mtu: 1500\n      numVfs: ${numVfs}\n      totalvfs: 64`));

/** A config.json with one resource whose selector is `selector`: the selector's first list item is at line 6, column 21. */
const config = (selector: string) => `{
  "resourceList": [
    {
      "resourceName": "intel_sriov_netdevice",
      "selectors": {
        ${selector}
      }
    }
  ]
}
`;

const findings = (selector: string, numVfs?: number) => findingsIn("plugin-vf-range-invalid", { "state.yaml": state(numVfs), "config.json": config(selector) });

describe("plugin-vf-range-invalid", () => {
  it("a pfNames range past the VFs the node state gives: at the range, naming the PF, the range and the count, with the count as related", () => {
    expect(findings('"pfNames": ["ens1f0#0-7"]', 4)).toEqual([
      {
        at: "config.json:6:21",
        message: "`ens1f0#0-7` takes VFs 0–7 of `ens1f0` on node `worker-0`, which has 4 VFs (0–3): its node state gives it 4 (numVfs); the device plugin finds only 4 of them, and `intel_sriov_netdevice` gets 4 VFs of it, not 8",
        help: "end the range at VF 3, or create 8 VFs on `ens1f0` (a SriovNetworkNodePolicy's `numVfs: 8`)",
        related: ["state.yaml:12:15 ens1f0's VFs"],
      },
    ]);
  });

  it("replaces the vf-index-out-of-range findings the import made of it, one per missing VF, that named `.sriov` things the user did not write", () => {
    const all = checkFiles({ "state.yaml": state(4), "config.json": config('"pfNames": ["ens1f0#0-7"]'), "n.yaml": "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n  name: net-a\nspec:\n  resourceName: intel_sriov_netdevice\n" });
    expect(all.map((d) => d.rule)).toEqual(["plugin-vf-range-invalid"]);
  });

  it("a node state without numVfs has no VFs: a range that totalvfs allows says to create them; one past totalvfs says its limit", () => {
    expect(findings('"pfNames": ["ens1f0#0-1"]')).toEqual([
      {
        at: "config.json:6:21",
        message: "`ens1f0#0-1` takes VFs 0–1 of `ens1f0` on node `worker-0`, which has no VFs: its node state lists none (no numVfs, totalvfs 64); the device plugin finds none of them, and `intel_sriov_netdevice` gets no VF of it",
        help: "create the VFs first (a SriovNetworkNodePolicy's `numVfs: 2`), or name another PF",
        related: ["state.yaml:7:13 ens1f0's VFs"],
      },
    ]);
    expect(findings('"pfNames": ["ens1f0#60-70"]', 8).map((f) => f.help)).toEqual(["`ens1f0` supports 64 VFs (totalvfs): end the range at VF 7"]);
    expect(findings('"pfNames": ["ens1f0#60-70"]').map((f) => f.help)).toEqual(["`ens1f0` supports 64 VFs (totalvfs): create them (a SriovNetworkNodePolicy's `numVfs`) and end the range at VF 63 at most"]);
  });

  it("the comma form counts the indices it names; a rootDevices range is read as the plugin reads it", () => {
    expect(findings('"pfNames": ["ens1f0#0,2,5-6"]', 4).map((f) => f.message)).toEqual([
      "`ens1f0#0,2,5-6` takes VFs 0, 2, 5–6 of `ens1f0` on node `worker-0`, which has 4 VFs (0–3): its node state gives it 4 (numVfs); the device plugin finds only 2 of them, and `intel_sriov_netdevice` gets 2 VFs of it, not 4",
    ]);
    expect(findings('"rootDevices": ["0000:18:00.0#2-5"]', 4).map((f) => `${f.at} ${f.message}`)).toEqual([
      "config.json:6:25 `0000:18:00.0#2-5` takes VFs 2–5 of `ens1f0` on node `worker-0`, which has 4 VFs (0–3): its node state gives it 4 (numVfs); the device plugin finds only 2 of them, and `intel_sriov_netdevice` gets 2 VFs of it, not 4",
    ]);
  });

  it("a range the plugin cannot parse selects no VF", () => {
    expect(findings('"pfNames": ["ens1f0#3-x"]', 4)).toEqual([
      {
        at: "config.json:6:21",
        message: "`ens1f0#3-x`: `3-x` is not a VF index or a range `first-last`: the device plugin stops reading the list there, and selects no VF by it for `intel_sriov_netdevice`",
        help: "write the VFs as `ens1f0#first-last`, or indices and ranges separated by commas, without spaces (`ens1f0#0,2-7`)",
        related: [],
      },
    ]);
  });

  it("a list read up to a part that does not parse: said with the VFs the parts before it still select; a descending range, and more than one `#`", () => {
    expect(findings('"pfNames": ["ens1f0#0-1, 3"]', 4).map((f) => f.message)).toEqual([
      "`ens1f0#0-1, 3`: ` 3` is not a VF index or a range `first-last` (the device plugin does not skip spaces): the device plugin stops reading the list there, and selects only VFs 0–1 by it for `intel_sriov_netdevice`",
    ]);
    expect(findings('"pfNames": ["ens1f0#3-1,2"]', 4).map((f) => f.message)).toEqual(["`ens1f0#3-1,2`: `3-1` ends (1) before it starts (3): it selects no VF for `intel_sriov_netdevice`"]);
    expect(findings('"rootDevices": ["0000:18:00.0#0#1"]', 4).map((f) => `${f.at} ${f.message}`)).toEqual(["config.json:6:25 `0000:18:00.0#0#1`: more than one `#`: the device plugin selects no VF by it for `intel_sriov_netdevice`"]);
  });

  it("an entry for a PF that an earlier entry names already is never read: at the later one, the one read as related", () => {
    expect(findings('"pfNames": ["ens1f0#0-1", "ENS1F0#2-3"]', 4)).toEqual([
      {
        at: "config.json:6:35",
        message: "`ENS1F0#2-3` is never read: the device plugin takes the first entry for `ENS1F0`, `ens1f0#0-1` (VFs 0–1), and `intel_sriov_netdevice` gets no VF by this one",
        help: "write one entry with both VF lists: `ens1f0#0-1,2-3`",
        related: ["config.json:6:21 the entry read instead"],
      },
    ]);
    expect(findings('"pfNames": ["ens1f0", "ens1f0#2-3"]', 4).map((f) => f.help)).toEqual(["`ens1f0` takes every VF of it already: delete this entry"]);
    expect(findings('"pfNames": ["ens1f0#0-1", "ens1f0"]', 4).map((f) => f.help)).toEqual(["to take every VF of it, delete `ens1f0#0-1`"]);
  });

  it("a range is checked on the PFs the selectors pick together: names ignoring case, and not where rootDevices names another PF", () => {
    expect(findings('"pfNames": ["Ens1f0#0-7"]', 4).map((f) => f.message)).toEqual([
      "`Ens1f0#0-7` takes VFs 0–7 of `ens1f0` on node `worker-0`, which has 4 VFs (0–3): its node state gives it 4 (numVfs); the device plugin finds only 4 of them, and `intel_sriov_netdevice` gets 4 VFs of it, not 8",
    ]);
    expect(findings('"pfNames": ["ens1f0#0-7"], "rootDevices": ["0000:86:00.0"]', 4)).toEqual([]);
  });

  it("in a ConfigMap's config.json, at the range's own line in the YAML file", () => {
    const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: sriovdp-config
data:
  config.json: |
    {
      "resourceList": [
        { "resourceName": "intel_sriov_netdevice", "selectors": { "pfNames": ["ens1f0#2-9"] } }
      ]
    }
`;
    expect(findingsIn("plugin-vf-range-invalid", { "state.yaml": state(8), "cm.yaml": configMap }).map((f) => f.at)).toEqual(["cm.yaml:9:79"]);
  });

  it("a range inside the VFs, a PF without a range, a PF the node does not have and no node state are left alone", () => {
    expect(findings('"pfNames": ["ens1f0#0-3"]', 4)).toEqual([]);
    expect(findings('"pfNames": ["ens1f0"]', 4)).toEqual([]);
    expect(findings('"pfNames": ["ens9f0#0-7"]', 4)).toEqual([]);
    expect(findingsIn("plugin-vf-range-invalid", { "config.json": config('"pfNames": ["ens1f0#0-7"]') })).toEqual([]);
  });
});
