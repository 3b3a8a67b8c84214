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

  const withContainers = (containers: string, overcommit = "") => `host h1 {
  cores = 4
  ${overcommit}
  vm web { vcpus = 4 }
  vm db { vcpus = 2 }
${containers}}
`;

  it("counts the cores of the host's containers with its VMs' vCPUs", () => {
    // 6 vCPUs fit in 150% of 4 cores; the pod's two pinned cores do not.
    const text = withContainers("  container cache { pin = [2, 3] }\n", "overcommit = 150%");
    expect(findingsOf("vcpu-overcommit", text)).toEqual([
      {
        ...at(text, "h1"),
        message: "the VMs and containers on h1 take 8 cores (6 vCPUs and 2 container cores), but its 4 cores allow 6 at `overcommit = 150%`",
        help: "raise `overcommit` on h1 to 200% if sharing cores is intended, or move VMs or containers to another host",
      },
    ]);
    expect(findingsOf("vcpu-overcommit", withContainers("  container cache { pin = [2, 3] }\n", "overcommit = 200%"))).toEqual([]);
  });

  it("counts one allocated core for a container without `pin`", () => {
    const text = withContainers("  container cache {}\n", "overcommit = 150%");
    expect(findingsOf("vcpu-overcommit", text).map((f) => f.message)).toEqual([
      "the VMs and containers on h1 take 7 cores (6 vCPUs and 1 container core), but its 4 cores allow 6 at `overcommit = 150%`",
    ]);
    expect(findingsOf("vcpu-overcommit", withContainers("  container cache {}\n", "overcommit = 175%"))).toEqual([]);
  });

  it("reports a host of containers alone, with their cores", () => {
    // `b` gets one allocated core, but `a` took both: allocation goes round again and shares one.
    const text = `host worker {
  cores = 2
  hypervisor = none
  container a { pin = [0, 1] }
  container b {}
}
`;
    expect(findingsOf("vcpu-overcommit", text)).toEqual([
      {
        ...at(text, "worker"),
        message: "the containers on worker take 3 cores, but its 2 cores allow 2 at `overcommit = 100%`",
        help: "raise `overcommit` on worker to 150% if sharing cores is intended, or move containers to another host",
      },
    ]);
    expect(findingsOf("vcpu-overcommit", text.replace("container b {}\n", ""))).toEqual([]);
  });
});
