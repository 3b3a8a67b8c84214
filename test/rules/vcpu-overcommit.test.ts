import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (overcommit: string) => `host h1 {
  cores = 4
  ${overcommit}
  vm web { vcpus = 4 }
  vm db { vcpus = 2 }
}
`;

describe("vcpu-overcommit", () => {
  it("reports a host whose VMs have more vCPUs than its cores allow", () => {
    const text = topology("");
    expect(findingsOf("vcpu-overcommit", text)).toEqual([
      {
        ...at(text, "h1"),
        message: "the VMs on h1 have 6 vCPUs, but its 4 cores allow 4 at `overcommit = 100%`",
        help: "raise `overcommit` on h1 to 150% if sharing cores is intended, or move VMs to another host",
      },
    ]);
  });

  it("allows exactly the overcommitted count", () => {
    expect(findingsOf("vcpu-overcommit", topology("overcommit = 150%"))).toEqual([]);
    expect(findingsOf("vcpu-overcommit", topology("overcommit = 140%")).map((f) => f.message)).toEqual([
      "the VMs on h1 have 6 vCPUs, but its 4 cores allow 5 at `overcommit = 140%`",
    ]);
  });
});
