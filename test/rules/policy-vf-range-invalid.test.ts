import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

const findings = (pfNames: string, numVfs = 8) => findingsIn("policy-vf-range-invalid", { "state.yaml": NODE_STATE, "p.yaml": policy({ pfNames, numVfs }) });

describe("policy-vf-range-invalid", () => {
  it("a range past numVfs, at the pfNames entry, with numVfs as related", () => {
    expect(findings('["ens1f0#4-9"]')).toEqual([
      { at: "p.yaml:12:15", message: "`ens1f0#4-9` ends at VF 9, but `numVfs: 8` creates VFs 0–7", help: "raise `numVfs` to 10, or end the range at VF 7", related: ["p.yaml:10:11 numVfs set here"] },
    ]);
  });

  it("a reversed range, a list (the device plugin's form) and garbage", () => {
    expect(findings('["ens1f0#7-0"]').map((f) => f.message)).toEqual(["`ens1f0#7-0`: the range ends (0) before it starts (7)"]);
    expect(findings('["ens1f0#0,2-7"]').map((f) => f.message)).toEqual(["`ens1f0#0,2-7`: the operator's webhook accepts one range `#first-last`, not a list"]);
    expect(findings('["ens1f0#a-b"]').map((f) => f.message)).toEqual(["`ens1f0#a-b`: `a-b` is not a VF index or a range `first-last`"]);
  });

  it("a range inside numVfs, or no range, is fine", () => {
    expect(findings('["ens1f0#0-7"]')).toEqual([]);
    expect(findings('["ens1f0"]')).toEqual([]);
  });
});
