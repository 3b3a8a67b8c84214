import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

// The hosts here keep no core for the hypervisor (`hypervisor_cores = []`), so the arithmetic is on `cores`
// alone; the last tests are about the hypervisor's cores.
const topology = (overcommit: string) => `host h1 {
  cores = 4
  hypervisor_cores = []
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
  hypervisor_cores = []
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

  it("counts against the cores the hypervisor leaves the guests: VMs that fit in `cores` but not in those share cores", () => {
    // Automatic pinning skips cores 0 and 1, gives `a` cores 2–5 and `b` cores 2 and 3 again.
    const text = `host h1 {
  cores = 6
  hypervisor_cores = 0..1
  vm a { vcpus = 4 }
  vm b { vcpus = 2 }
}
`;
    expect(findingsOf("vcpu-overcommit", text)).toEqual([
      {
        ...at(text, "h1"),
        message: "the VMs on h1 have 6 vCPUs, but its 4 cores outside the 2 hypervisor cores allow 4 at `overcommit = 100%`",
        help: "raise `overcommit` on h1 to 150% if sharing cores is intended, or move VMs to another host",
      },
    ]);
    const [related] = checkSource(text).find((d) => d.rule === "vcpu-overcommit")!.related;
    expect(`${related!.span.line}:${related!.span.column} ${related!.message}`).toBe("3:22 hypervisor cores set here");
    // The default `hypervisor_cores = 0..0` keeps one core.
    const byDefault = "host h1 {\n  cores = 4\n  vm a { vcpus = 4 }\n}\n";
    expect(findingsOf("vcpu-overcommit", byDefault).map((f) => f.message)).toEqual(["the VMs on h1 have 4 vCPUs, but its 3 cores outside the hypervisor core allow 3 at `overcommit = 100%`"]);
    expect(findingsOf("vcpu-overcommit", byDefault.replace("vcpus = 4", "vcpus = 3"))).toEqual([]);
    // A hypervisor that names every core leaves the guests every core, as automatic pinning does.
    expect(findingsOf("vcpu-overcommit", "host h1 {\n  cores = 2\n  hypervisor_cores = 0..1\n  vm a { vcpus = 2 }\n}\n")).toEqual([]);
  });
});
