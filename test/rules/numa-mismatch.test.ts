import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (nicNuma: number, pin: string, attach = "vf(x710.pf0)") => `host h1 {
  cores = 16
  numa_nodes = 2
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    numa = ${nicNuma}
    pf pf0 {
      vfs = 2
      vmdq_pools = 2
    }
  }
  vm web {
    pin = ${pin}
    iface eth0 { attach = ${attach} }
  }
}
`;

describe("numa-mismatch", () => {
  it("reports a VF whose VM runs on the other node, with the cores of the NIC's node", () => {
    const text = topology(0, "8..9");
    expect(findingsOf("numa-mismatch", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "vm web runs on NUMA node 1, but x710, the NIC of x710.pf0, is on node 0: every packet of eth0 crosses between sockets",
        help: "pin web to cores of node 0 (2..7), or use a NIC on node 1",
      },
    ]);
  });

  it("names only the NIC's node's cores that neither the hypervisor nor a written pin takes", () => {
    // Pinning to those is pin-overlap's finding: the help leaves them out, and says when none is left.
    const text = topology(0, "8..9").replace("  vm web {", "  vm db {\n    pin = 2..4\n  }\n  vm web {");
    expect(findingsOf("numa-mismatch", text).map((f) => f.help)).toEqual(["pin web to cores of node 0 (5..7), or use a NIC on node 1"]);
    const full = topology(0, "8..9").replace("  vm web {", "  vm db {\n    vcpus = 6\n    pin = 2..7\n  }\n  vm web {");
    expect(findingsOf("numa-mismatch", full).map((f) => f.help)).toEqual([
      "use a NIC on node 1: every core of node 0 (0..7) runs the hypervisor or is pinned",
    ]);
  });

  it("covers VMDq too, and points at a NIC node the host does not have", () => {
    const text = topology(3, "2..3", "vmdq(x710.pf0)");
    expect(findingsOf("numa-mismatch", text)).toEqual([
      {
        ...at(text, "vmdq(x710.pf0)"),
        message: "vm web runs on NUMA node 0, but x710, the NIC of x710.pf0, is on node 3: every packet of eth0 crosses between sockets",
        help: "host h1 has 2 NUMA nodes (0–1): check `numa` on x710",
      },
    ]);
  });

  it("is quiet on the same node", () => {
    expect(findingsOf("numa-mismatch", topology(1, "8..9"))).toEqual([]);
  });
});

describe("numa-mismatch for containers", () => {
  it("reports a container whose cores are on another node than its VF's NIC", () => {
    const text = `host h1 {
  cores = 8
  numa_nodes = 2
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    numa = 1
    pf p0 { vfs = 2 }
  }
  container pod {
    pin = [1]
    iface net1 { attach = vf(e810.p0) }
  }
}
`;
    expect(findingsOf("numa-mismatch", text).map((f) => f.message)).toEqual([
      "container pod runs on NUMA node 0, but e810, the NIC of e810.p0, is on node 1: every packet of net1 crosses between sockets",
    ]);
    expect(findingsOf("numa-mismatch", text.replace("pin = [1]", "pin = [5]"))).toEqual([]);
  });
});

describe("numa-mismatch follows a container's cores, not a `numa` they contradict", () => {
  it("reports a container that says the NIC's node but is pinned to the other", () => {
    const text = `host h1 {
  cores = 8
  numa_nodes = 2
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    numa = 1
    pf p0 { vfs = 2 }
  }
  container pod {
    pin = [1]
    numa = 1
    iface net1 { attach = vf(e810.p0) }
  }
}
`;
    expect(findingsOf("numa-mismatch", text)).toEqual([
      {
        ...at(text, "vf(e810.p0)"),
        message: "container pod runs on NUMA node 0, but e810, the NIC of e810.p0, is on node 1: every packet of net1 crosses between sockets",
        help: "pin pod to cores of node 1 (4..7), or use a NIC on node 0",
      },
    ]);
    // And its `numa = 1` is the contradiction the author is told about.
    expect(findingsOf("numa-contradicts-pin", text).map((f) => f.message)).toEqual([
      "container pod says `numa = 1`, but it is pinned to core 1, which is on NUMA node 0: it runs on node 0, not 1",
    ]);
  });
});

describe("numa-mismatch when the cores do not split evenly between the nodes", () => {
  // 8 cores on 3 nodes: 0..2 are node 0, 3..5 node 1, 6..7 node 2 (core * nodes / cores, rounded down).
  const text = `host h1 {
  cores = 8
  numa_nodes = 3
  nic n {
    numa = 2
    pf p0 { vfs = 2 }
  }
  vm web {
    vcpus = 1
    pin = [5]
    iface eth0 { attach = vf(n.p0) }
  }
}
`;

  it("the help names the cores of the NIC's node, the node the message gives each core", () => {
    expect(findingsOf("numa-mismatch", text)).toEqual([
      {
        ...at(text, "vf(n.p0)"),
        message: "vm web runs on NUMA node 1, but n, the NIC of n.p0, is on node 2: every packet of eth0 crosses between sockets",
        help: "pin web to cores of node 2 (6, 7), or use a NIC on node 1",
      },
    ]);
    expect(findingsOf("numa-mismatch", text.replace("pin = [5]", "pin = [6]"))).toEqual([]);
  });
});
