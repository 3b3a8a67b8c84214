import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, fixesOf, withFix } from "../helpers/check-source.js";

const topology = (vm: string) => `host h1 {
  cores = 32
  vm upf {
${vm}
  }
}
`;

describe("pin-count-mismatch", () => {
  it("reports more vCPUs than pinned cores at vcpus (the issue's vcpus = 6, pin = 24..27)", () => {
    const text = topology("    vcpus = 6\n    pin = 24..27");
    expect(findingsOf("pin-count-mismatch", text)).toEqual([
      {
        ...at(text, "6"),
        message: "vm upf has 6 vCPUs, but it is pinned to 4 cores (24..27): 2 vCPUs share cores with the others",
        help: "set `vcpus = 4`, or pin upf to 6 cores",
      },
    ]);
  });

  it("reports more pinned cores than vCPUs, at pin when vcpus is the default", () => {
    const text = topology("    pin = 24..27");
    expect(findingsOf("pin-count-mismatch", text)).toEqual([
      { ...at(text, "24..27"), message: "vm upf is pinned to 4 cores (24..27), but it has 2 vCPUs: 2 pinned cores stay idle", help: "set `vcpus = 4`, or pin upf to 2 cores" },
    ]);
    expect(fixesOf("pin-count-mismatch", text)).toEqual([]);
  });

  it("makes the verb agree with one vCPU or one idle core", () => {
    expect(findingsOf("pin-count-mismatch", topology("    vcpus = 3\n    pin = 24..25")).map((f) => f.message)).toEqual([
      "vm upf has 3 vCPUs, but it is pinned to 2 cores (24, 25): 1 vCPU shares a core with the others",
    ]);
    expect(findingsOf("pin-count-mismatch", topology("    vcpus = 2\n    pin = 24..26")).map((f) => f.message)).toEqual([
      "vm upf is pinned to 3 cores (24..26), but it has 2 vCPUs: 1 pinned core stays idle",
    ]);
  });

  it("offers vcpus = the pinned count, not as a safe fix; applied, nothing is left", () => {
    const text = topology("    vcpus = 6\n    pin = 24..27");
    const [fix] = fixesOf("pin-count-mismatch", text);
    expect(fix).toMatchObject({ safe: false, description: "set `vcpus = 4`, one per pinned core" });
    expect(checkSource(withFix(text, fix!)).map((d) => d.rule)).toEqual([]);
  });

  it("is quiet when they agree, and for automatic pinning", () => {
    expect(findingsOf("pin-count-mismatch", topology("    vcpus = 4\n    pin = 24..27"))).toEqual([]);
    expect(findingsOf("pin-count-mismatch", topology("    vcpus = 6"))).toEqual([]);
  });
});
