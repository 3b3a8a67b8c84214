import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

const two = (a: string, b: string) =>
  findingsIn("policy-vf-overlap", { "state.yaml": NODE_STATE, "p.yaml": `${policy({ pfNames: a })}---\n${policy({ name: "policy-2", pfNames: b, resource: "other" })}` });

describe("policy-vf-overlap", () => {
  it("overlapping ranges, at the later entry, with the earlier as related", () => {
    expect(two('["ens1f0#0-5"]', '["ens1f0#4-7"]')).toEqual([
      {
        at: "p.yaml:25:15",
        message: "SriovNetworkNodePolicy `policy-2` claims VFs 4–5 of `ens1f0` on node `worker-0`, which `policy-1` claims too",
        help: "give each policy VFs of its own: `ens1f0#6-7` is free",
        related: ["p.yaml:12:15 claimed by policy-1 here"],
      },
    ]);
  });

  it("a PF named without a range claims every VF: the webhook misses this one", () => {
    expect(two('["ens1f0#0-3"]', '["ens1f0"]').map((f) => f.message)).toEqual(["SriovNetworkNodePolicy `policy-2` claims VFs 0–3 of `ens1f0` on node `worker-0`, which `policy-1` claims too"]);
  });

  it("disjoint ranges, other PFs and other nodes are fine", () => {
    expect(two('["ens1f0#0-3"]', '["ens1f0#4-7"]')).toEqual([]);
    expect(two('["ens1f0"]', '["ens1f1"]')).toEqual([]);
    const elsewhere = `${policy({ pfNames: '["ens1f0"]' })}---\n${policy({ name: "policy-2", pfNames: '["ens1f0"]', host: "worker-1" })}`;
    expect(findingsIn("policy-vf-overlap", { "state.yaml": NODE_STATE, "p.yaml": elsewhere })).toEqual([]);
  });
});

describe("policy-vf-overlap help", () => {
  // The help once named `ens1f0#0-3` and `ens1f0#4-7` whatever the PF and the ranges were.
  it("names the PF of the overlap and the VFs that no policy claims", () => {
    expect(two('["ens1f1#0-3"]', '["ens1f1#2-5"]').map((f) => f.help)).toEqual(["give each policy VFs of its own: `ens1f1#4-7` is free"]);
  });

  it("says when numVfs leaves no VF free", () => {
    expect(two('["ens1f0"]', '["ens1f0#4-7"]').map((f) => f.help)).toEqual([
      "give each policy VFs of its own: every VF of `ens1f0` that `numVfs: 8` creates is claimed already; narrow the other ranges or raise `numVfs`",
    ]);
  });
});

describe("policy-vf-overlap without an inventory", () => {
  it("policies on one named node are compared by PF name alone", () => {
    const files = { "p.yaml": `${policy({ pfNames: '["ens1f0#0-3"]' })}---\n${policy({ name: "policy-2", pfNames: '["ens1f0#2-5"]', resource: "other" })}` };
    expect(findingsIn("policy-vf-overlap", files).map((f) => `${f.at} ${f.message}`)).toEqual([
      "p.yaml:25:15 SriovNetworkNodePolicy `policy-2` claims VFs 2–3 of `ens1f0` on node `worker-0`, which `policy-1` claims too",
    ]);
  });
});
