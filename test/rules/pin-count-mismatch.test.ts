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
        message: "vm upf has 6 vCPUs but is pinned to 4 cores (24..27): 2 vCPUs share cores with the others",
        help: "set `vcpus = 4`, or pin upf to 6 cores",
      },
    ]);
  });

  it("reports more pinned cores than vCPUs, at pin when vcpus is the default", () => {
    const text = topology("    pin = 24..27");
    expect(findingsOf("pin-count-mismatch", text)).toEqual([
      { ...at(text, "24..27"), message: "vm upf is pinned to 4 cores (24..27) but has 2 vCPUs: 2 pinned cores stay idle", help: "set `vcpus = 4`, or pin upf to 2 cores" },
    ]);
    expect(fixesOf("pin-count-mismatch", text)).toEqual([]);
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
