import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const host = (body: string, hostAttrs = "") => `host h1 {
  cores = 16
  ${hostAttrs}
  nic e810 {
    model = "intel-e810"
    pf pf0 { vfs = 4 }
    pf pf1 { }
  }
${body}
}
`;

describe("queues-exceed-cores", () => {
  it("reports a VM interface with more queues than vCPUs, at `queues`", () => {
    const text = host("  vm web {\n    vcpus = 2\n    iface eth0 { attach = vf(e810.pf0)  queues = 8 }\n  }");
    expect(findingsOf("queues-exceed-cores", text)).toEqual([
      {
        ...at(text, "8 }"),
        message: "web.eth0 has 8 queues, but vm web has 2 vCPUs to serve them: 6 queues share cores with another queue",
        help: "set `queues = 2`, or give vm web more `vcpus`",
      },
    ]);
  });

  it("tells a pinned VM to pin more cores with its vCPUs (more vCPUs alone is pin-count-mismatch)", () => {
    const text = host("  vm web {\n    vcpus = 2\n    pin = 2..3\n    iface eth0 { attach = vf(e810.pf0)  queues = 4 }\n  }");
    expect(findingsOf("queues-exceed-cores", text).map((f) => f.help)).toEqual(["set `queues = 2`, or give vm web more `vcpus` and as many more cores in its `pin`"]);
  });

  it("counts a container's pinned cores (one when `pin` is left out)", () => {
    const text = host("  container pod {\n    iface net1 { attach = vf(e810.pf0)  queues = 2 }\n  }\n  container cnf {\n    pin = 4..7\n    iface n3 { attach = vf(e810.pf0)  driver = dpdk  queues = 4 }\n  }");
    expect(findingsOf("queues-exceed-cores", text)).toEqual([
      {
        ...at(text, "2 }"),
        message: "pod.net1 has 2 queues, but container pod has 1 core to serve them: 1 queue shares a core with another queue",
        help: "set `queues = 1`, or pin container pod to more cores",
      },
    ]);
  });

  it("counts the hypervisor cores for a host's own interface", () => {
    const text = host("  iface mgmt { attach = pf(e810.pf1)  queues = 4 }", "hypervisor_cores = 0..1");
    expect(findingsOf("queues-exceed-cores", text).map((f) => f.message)).toEqual([
      "mgmt has 4 queues, but host h1 runs its own stack on 2 hypervisor cores to serve them: 2 queues share cores with another queue",
    ]);
  });

  it("counts a bare-metal host's housekeeping cores for its own kernel interface, all its cores for DPDK", () => {
    const text = host("  iface wan { attach = pf(e810.pf0)  queues = 4 }\n  iface fwd { attach = pf(e810.pf1)  driver = dpdk  queues = 4 }", "hypervisor = none  hypervisor_cores = 0..1");
    // At the value of wan's `queues`; fwd's four queues poll on four of the host's sixteen cores: no finding.
    const queues = at(text, "queues = 4");
    expect(findingsOf("queues-exceed-cores", text)).toEqual([
      {
        line: queues.line,
        column: queues.column + "queues = ".length,
        message: "wan has 4 queues, but host h1 takes its device interrupts on 2 housekeeping cores (`hypervisor_cores`) to serve them: 2 queues share cores with another queue",
        help: "set `queues = 2`, or add housekeeping cores to `hypervisor_cores`",
      },
    ]);
  });

  it("is quiet when each queue has a core of its own", () => {
    expect(findingsOf("queues-exceed-cores", host("  vm web {\n    vcpus = 4\n    iface eth0 { attach = vf(e810.pf0)  queues = 4 }\n  }"))).toEqual([]);
  });
});
