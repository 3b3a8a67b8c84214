import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const text = `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  vm db {
    vcpus = 4
    pin = 1..4
  }
  vm cache {
    vcpus = 4
    pin = 4..7
  }
}
`;

describe("pin-overlap", () => {
  it("reports a VM on a hypervisor core, and the later of two VMs sharing a core", () => {
    expect(findingsOf("pin-overlap", text)).toEqual([
      {
        ...at(text, "1..4"),
        message: "vm db is pinned to core 1, which runs the hypervisor (`hypervisor_cores = 0..1`)",
        help: "pin db to cores that are not hypervisor cores",
      },
      { ...at(text, "4..7"), message: "vm cache shares core 4 with vm db", help: "pin the VMs to different cores" },
    ]);
    const shared = checkSource(text).find((d) => d.rule === "pin-overlap" && d.message.startsWith("vm cache"))!;
    expect(shared.related.map((r) => [r.span.line, r.message])).toEqual([[at(text, "1..4").line, "vm db is pinned here"]]);
  });

  it("reports a container pinned to a bare-metal host's housekeeping cores (hypervisor = none)", () => {
    const bare = `host w1 {
  cores = 8
  hypervisor = none
  hypervisor_cores = [0, 1]
  container cnf { pin = [1, 2] }
  container web { pin = 3 }
}
`;
    expect(findingsOf("pin-overlap", bare)).toEqual([
      {
        ...at(bare, "[1, 2]"),
        message: "container cnf is pinned to core 1, which takes the host's interrupts and runs its vSwitches (`hypervisor_cores = 0..1`, the housekeeping cores of a bare-metal host)",
        help: "pin cnf to cores outside `hypervisor_cores`",
      },
    ]);
  });

  it("lists every shared core, grouped by VM", () => {
    const three = `host h1 {
  cores = 16
  vm a { pin = 2..4 }
  vm b { pin = 6..7 }
  vm c {
    vcpus = 5
    pin = [3, 4, 5, 6, 7]
  }
}
`;
    expect(findingsOf("pin-overlap", three).map((f) => f.message)).toEqual(["vm c shares cores 3, 4 with vm a and cores 6, 7 with vm b"]);
  });

  it("quotes scattered hypervisor cores as a list", () => {
    const text = "host h1 {\n  cores = 8\n  hypervisor_cores = [0, 4]\n  vm a { pin = 3..4 }\n}\n";
    expect(findingsOf("pin-overlap", text).map((f) => f.message)).toEqual([
      "vm a is pinned to core 4, which runs the hypervisor (`hypervisor_cores = [0, 4]`)",
    ]);
  });

  it("is quiet for disjoint pins and for allocated ones", () => {
    expect(findingsOf("pin-overlap", "host h1 {\n  cores = 8\n  vm a { pin = 2..3 }\n  vm b { pin = 4..5 }\n  vm c { vcpus = 2 }\n}\n")).toEqual([]);
  });
});

describe("pin-overlap and automatic pinning", () => {
  // Allocation takes written pins' cores last, when the host has run out (LANGUAGE.md "automatic pinning"):
  // that sharing is vcpu-overcommit's finding, and the written pin is not the mistake.
  const wrapped = (overcommit: string, pinned: string) => `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  overcommit = ${overcommit}
  vm a[1..4] {
    vcpus = 2
  }
  ${pinned}
}
`;

  it("does not report a written pin that allocation went round onto, whatever the order", () => {
    expect(findingsOf("pin-overlap", wrapped("200%", "container c {\n    pin = 2..3\n  }"))).toEqual([]);
    expect(findingsOf("pin-overlap", wrapped("200%", "vm z {\n    pin = 2..3\n  }"))).toEqual([]);
  });

  it("leaves the sharing to vcpu-overcommit", () => {
    const text = wrapped("150%", "container c {\n    pin = 2..3\n  }");
    expect(checkSource(text).map((d) => d.rule)).toEqual(["vcpu-overcommit"]);
  });
});

describe("pin-overlap with containers", () => {
  it("reports a container pinned to a VM's core and to a hypervisor core", () => {
    const text = `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  vm web {
    pin = 2..3
  }
  container pod {
    pin = [1, 3]
  }
}
`;
    expect(findingsOf("pin-overlap", text).map((f) => f.message)).toEqual([
      "container pod is pinned to core 1, which runs the hypervisor (`hypervisor_cores = 0..1`)",
      "container pod shares core 3 with vm web",
    ]);
  });

  it("tells a container sharing a core to take cores of its own, in its terms", () => {
    const text = `host w1 {
  cores = 8
  hypervisor = none
  container a { pin = [2, 3] }
  container b { pin = [3, 4] }
}
`;
    expect(findingsOf("pin-overlap", text)).toEqual([
      { ...at(text, "[3, 4]"), message: "container b shares core 3 with container a", help: "pin the VMs and containers to different cores" },
    ]);
  });
});
