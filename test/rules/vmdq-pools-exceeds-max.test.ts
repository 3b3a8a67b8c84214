import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, fixesOf, withFix } from "../helpers/check-source.js";

const topology = (model: string, pools: number, users = 0) => `host h1 {
  nic n {
    model = "${model}"
    pf p0 {
      vmdq_pools = ${pools}
    }
  }
${Array.from({ length: users }, (_, i) => `  vm v${i} {\n    iface eth0 { attach = vmdq(n.p0) }\n  }\n`).join("")}}
`;

describe("vmdq-pools-exceeds-max", () => {
  it("reports vmdq_pools = 65 on an intel-82599 (64 pools per PF)", () => {
    const text = topology("intel-82599", 65);
    expect(findingsOf("vmdq-pools-exceeds-max", text)).toEqual([
      { ...at(text, "65"), message: "n.p0 sets `vmdq_pools = 65`, but the intel-82599 has at most 64 VMDq pools per PF", help: "lower `vmdq_pools` to 64 or less" },
    ]);
  });

  it("reports vmdq_pools = 1000 on an nvidia-cx6, which has no VMDq", () => {
    const text = topology("nvidia-cx6", 1000);
    expect(findingsOf("vmdq-pools-exceeds-max", text)).toEqual([
      { ...at(text, "1000"), message: "n.p0 sets `vmdq_pools = 1000`, but the nvidia-cx6 has no VMDq", help: "remove `vmdq_pools`, or write `vmdq_pools = 0`" },
    ]);
  });

  it("offers the limit as a safe fix when every vmdq interface keeps a pool; applied, nothing is left", () => {
    for (const [model, pools] of [["intel-82599", 65], ["nvidia-cx6", 1000]] as const) {
      const text = topology(model, pools);
      const [fix] = fixesOf("vmdq-pools-exceeds-max", text);
      expect(fix?.safe).toBe(true);
      expect(checkSource(withFix(text, fix!)).filter((d) => d.severity !== "info").map((d) => d.rule)).toEqual([]);
    }
  });

  it("offers no fix when the interfaces need more pools than the model has", () => {
    const text = topology("intel-x710", 20, 17);
    expect(findingsOf("vmdq-pools-exceeds-max", text).map((f) => f.help)).toEqual(["17 interfaces use `vmdq(n.p0)`: move 1 of them to `vf(n.p0)` or `vswitch(...)`"]);
    expect(fixesOf("vmdq-pools-exceeds-max", text)).toEqual([]);
  });

  it("is quiet at the limit and when vmdq_pools is not written", () => {
    expect(findingsOf("vmdq-pools-exceeds-max", topology("intel-82599", 64))).toEqual([]);
    expect(findingsOf("vmdq-pools-exceeds-max", "host h1 {\n  nic n {\n    model = \"nvidia-cx6\"\n    pf p0 { }\n  }\n}\n")).toEqual([]);
  });
});
