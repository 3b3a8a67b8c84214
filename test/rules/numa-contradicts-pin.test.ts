import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, fixesOf, withFix } from "../helpers/check-source.js";

// Cores 0..19 are node 0, 20..39 node 1; the NIC is on node 1.
const topology = (vm: string) => `host h1 {
  cores = 40
  numa_nodes = 2
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    numa = 1
    pf pf0 { vfs = 4 }
  }
  vm vr_c {
${vm}
    iface eth0 { attach = vf(x710.pf0) }
  }
}
`;

describe("numa-contradicts-pin", () => {
  it("reports a `numa` that its pinned cores contradict, and numa-mismatch follows the cores (the issue's vr_c)", () => {
    const text = topology("    vcpus = 4\n    pin = 22..25\n    numa = 0");
    expect(findingsOf("numa-contradicts-pin", text)).toEqual([
      {
        line: at(text, "numa = 0").line,
        column: at(text, "numa = 0").column + "numa = ".length,
        message: "vm vr_c says `numa = 0`, but it is pinned to cores 22..25, which are on NUMA node 1: it runs on node 1, not 0",
        help: "set `numa = 1` (or leave `numa` out: the pins then decide the node), or pin vr_c to cores of node 0",
      },
    ]);
    // The VM runs on node 1, like its NIC: no cross-socket warning (and none telling it to move to node 1).
    expect(findingsOf("numa-mismatch", text)).toEqual([]);
  });

  it("says that a `numa` the host lacks is no node to pin to", () => {
    const text = topology("    vcpus = 4\n    pin = 22..25\n    numa = 3");
    expect(findingsOf("numa-contradicts-pin", text).map((f) => [f.message, f.help])).toEqual([
      [
        "vm vr_c says `numa = 3`, but it is pinned to cores 22..25, which are on NUMA node 1: it runs on node 1, not 3",
        "set `numa = 1` (or leave `numa` out: the pins then decide the node): host h1 has 2 NUMA nodes (0–1)",
      ],
    ]);
  });

  it("offers the cores' node as a safe fix; applied, nothing is left", () => {
    const text = topology("    vcpus = 4\n    pin = 22..25\n    numa = 0");
    const [fix] = fixesOf("numa-contradicts-pin", text);
    expect(fix).toMatchObject({ description: "set `numa = 1`, the node of its cores", safe: true });
    const fixed = withFix(text, fix!);
    expect(fixed).toContain("numa = 1");
    expect(checkSource(fixed).map((d) => d.rule)).toEqual([]);
  });

  it("is quiet when numa agrees, or is left out", () => {
    expect(findingsOf("numa-contradicts-pin", topology("    vcpus = 4\n    pin = 22..25\n    numa = 1"))).toEqual([]);
    expect(findingsOf("numa-contradicts-pin", topology("    vcpus = 4\n    pin = 22..25"))).toEqual([]);
  });

  it("with pins on two nodes: reports a numa on neither, offers no fix", () => {
    const text = topology("    vcpus = 4\n    pin = [2, 3, 22, 23]\n    numa = 5");
    const [only] = checkSource(text).filter((d) => d.rule === "numa-contradicts-pin");
    expect(only?.message).toBe("vm vr_c says `numa = 5`, but it is pinned to cores 2, 3, 22, 23, which are on NUMA nodes 0 and 1: it runs on nodes 0 and 1, not 5");
    expect(only?.fixes).toBeUndefined();
  });
});

describe("numa-contradicts-pin for containers", () => {
  // A bare-metal Kubernetes worker: cores 0..3 are node 0, 4..7 node 1; the NIC is on node 1.
  const worker = (container: string) => `host w1 {
  cores = 8
  numa_nodes = 2
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    numa = 1
    pf p0 { vfs = 2 }
  }
  container pod {
${container}
    iface net1 { attach = vf(e810.p0) }
  }
}
`;

  it("reports a container's `numa` that its pinned cores contradict, and numa-mismatch follows the cores", () => {
    const text = worker("    pin = [5, 6]\n    numa = 0");
    expect(findingsOf("numa-contradicts-pin", text)).toEqual([
      {
        line: at(text, "numa = 0").line,
        column: at(text, "numa = 0").column + "numa = ".length,
        message: "container pod says `numa = 0`, but it is pinned to cores 5, 6, which are on NUMA node 1: it runs on node 1, not 0",
        help: "set `numa = 1` (or leave `numa` out: the pins then decide the node), or pin pod to cores of node 0",
      },
    ]);
    // Its cores are on the NIC's node: no cross-socket warning.
    expect(findingsOf("numa-mismatch", text)).toEqual([]);
    const [fix] = fixesOf("numa-contradicts-pin", text);
    expect(fix).toMatchObject({ description: "set `numa = 1`, the node of its cores", safe: true });
    expect(checkSource(withFix(text, fix!)).map((d) => d.rule)).toEqual([]);
  });

  it("names one core as one, and an allocated core as automatic pinning", () => {
    expect(findingsOf("numa-contradicts-pin", worker("    pin = [5]\n    numa = 0")).map((f) => f.message)).toEqual([
      "container pod says `numa = 0`, but it is pinned to core 5, which is on NUMA node 1: it runs on node 1, not 0",
    ]);
    // Left out, the pin is the first free core of the written node, 4: nothing to report.
    expect(findingsOf("numa-contradicts-pin", worker("    numa = 1"))).toEqual([]);
    // Node 2 does not exist: the pin is the first core past `hypervisor_cores` (default 0..0), core 1, on node 0.
    expect(findingsOf("numa-contradicts-pin", worker("    numa = 2")).map((f) => f.message)).toEqual([
      "container pod says `numa = 2`, but it is given core 1 by automatic pinning, which is on NUMA node 0: it runs on node 0, not 2",
    ]);
  });

  it("is quiet when the container's numa agrees with its cores, or is left out", () => {
    expect(findingsOf("numa-contradicts-pin", worker("    pin = [5, 6]\n    numa = 1"))).toEqual([]);
    expect(findingsOf("numa-contradicts-pin", worker("    pin = [5, 6]"))).toEqual([]);
  });
});

describe("numa-contradicts-pin on a `numa` that several guests share", () => {
  // Cores 0..7 are node 0, 8..15 node 1. The template's `numa = 1` is right for b, wrong for a.
  const text = `template vm pinned {
  vcpus = 2
  numa = 1
}

host h {
  cores = 16
  numa_nodes = 2
  vm a : pinned { pin = [2, 3] }
  vm b : pinned { pin = [10, 11] }
}
`;

  it("reports the guest it contradicts, but offers no fix: setting the template's numa would contradict the other", () => {
    expect(findingsOf("numa-contradicts-pin", text)).toEqual([
      {
        line: 3,
        column: 10,
        message: "vm a says `numa = 1`, but it is pinned to cores 2, 3, which are on NUMA node 0: it runs on node 0, not 1",
        help: "set `numa = 0` (or leave `numa` out: the pins then decide the node), or pin a to cores of node 1",
      },
    ]);
    expect(fixesOf("numa-contradicts-pin", text)).toEqual([]);
  });

  it("still offers the fix when every guest of the template runs on the one node", () => {
    const agreeing = text.replace("pin = [10, 11]", "pin = [4, 5]");
    const fixes = fixesOf("numa-contradicts-pin", agreeing);
    expect(fixes.map((fix) => [fix.description, fix.safe])).toEqual([
      ["set `numa = 0`, the node of its cores", true],
      ["set `numa = 0`, the node of its cores", true],
    ]);
    expect(checkSource(withFix(agreeing, fixes[0]!)).map((d) => d.rule)).toEqual([]);
  });
});

describe("numa-contradicts-pin and automatic pinning", () => {
  // Cores 0..3 are node 0, 4..7 node 1; core 0 is the hypervisor's; the NIC is on node 1.
  const host = (vms: string) => `host h {
  cores = 8
  numa_nodes = 2
  nic e810 {
    model = "intel-e810"
    numa = 1
    pf p0 { vfs = 4 }
  }
${vms}
}
`;

  it("gives a VM with `numa` and no `pin` cores of its node: no finding, and none from numa-mismatch", () => {
    const text = host("  vm a {\n    vcpus = 2\n    numa = 1\n    iface d0 { attach = vf(e810.p0) }\n  }");
    expect(findingsOf("numa-contradicts-pin", text)).toEqual([]);
    expect(findingsOf("numa-mismatch", text)).toEqual([]);
  });

  it("reports a VM that automatic pinning had to spread over another node, at its `numa`, with no fix", () => {
    const text = host("  vm a {\n    vcpus = 3\n    numa = 1\n  }\n  vm b {\n    vcpus = 2\n    numa = 1\n  }");
    expect(findingsOf("numa-contradicts-pin", text)).toEqual([
      {
        line: 15,
        column: 12,
        message: "vm b says `numa = 1`, but node 1 has too few free cores for it: automatic pinning gave it cores 1, 7, of which 1 is on another node",
        help: "free cores of node 1 for b (or give it fewer vCPUs), or pin it",
      },
    ]);
    expect(fixesOf("numa-contradicts-pin", text)).toEqual([]);
  });

  it("is quiet when a written pin spans nodes and one of them is the written `numa` (the author chose the cores)", () => {
    expect(findingsOf("numa-contradicts-pin", host("  vm a {\n    vcpus = 2\n    pin = [3, 4]\n    numa = 1\n  }"))).toEqual([]);
  });
});

describe("numa-contradicts-pin on replicated VMs", () => {
  it("one finding for the copies, in the plural up to its last clause", () => {
    const text = topology("    vcpus = 4\n    pin = 22..25\n    numa = 0").replace("vm vr_c {", "vm vr[1..3] {");
    expect(findingsOf("numa-contradicts-pin", text).map((f) => f.message)).toEqual([
      "vm vr1..vr3 say `numa = 0`, but they are pinned to cores 22..25, which are on NUMA node 1: they run on node 1, not 0",
    ]);
  });
});
