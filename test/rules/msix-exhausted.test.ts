import { describe, expect, it } from "vitest";
import { at, findingsOf, modelOf } from "../helpers/check-source.js";

const topology = (msix: string) => `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      ${msix}
      vmdq_pools = 4
    }
  }
  vm a {
    pin = 2..3
    iface eth0 { attach = vmdq(x710.pf0) }
  }
  vm b {
    pin = 4..5
    iface eth0 { attach = vmdq(x710.pf0) }
  }
}
`;

describe("msix-exhausted", () => {
  it("counts the admin vector, the PF's queues and the VMDq pools in use", () => {
    const text = topology("msix = 2");
    const queues = modelOf(text).pfs[0]!.queues;
    expect(findingsOf("msix-exhausted", text)).toEqual([
      {
        ...at(text, "2\n"),
        message: `x710.pf0 needs ${3 + queues} MSI-X vectors, but it has 2: 1 for the PF itself, ${queues} for its receive queues and 2 for VMDq pools in use`,
        help: `raise \`msix\` on x710.pf0 to ${3 + queues} (the intel-x710 has 129 per PF)`,
      },
    ]);
  });

  it("offers fewer VMDq pools only when that alone would do", () => {
    // The PF's own queues are the catalogue's: no attribute lowers them, so fewer pools help only when they fit.
    const queues = modelOf(topology("msix = 2")).pfs[0]!.queues;
    expect(findingsOf("msix-exhausted", topology(`msix = ${2 + queues}`)).map((f) => f.help)).toEqual([
      `raise \`msix\` on x710.pf0 to ${3 + queues} (the intel-x710 has 129 per PF), or use fewer VMDq pools`,
    ]);
    const noPools = topology(`msix = 4`).replace(/  vm a \{[^]*$/, "}\n");
    expect(findingsOf("msix-exhausted", noPools).map((f) => f.help)).toEqual([`raise \`msix\` on x710.pf0 to ${1 + queues} (the intel-x710 has 129 per PF)`]);
  });

  it("past the model's vectors per PF, asks for fewer VMDq pools, not for an msix the NIC does not have", () => {
    // 82599: 64 vectors per PF, 16 receive queues; 50 pools in use need 1 + 16 + 50 = 67.
    const text = `host h1 {
  cores = 64
  overcommit = 400%
  nic n {
    model = "intel-82599"
    pf p0 { vmdq_pools = 64 }
  }
  vm v[1..50] {
    vcpus = 1
    iface e { attach = vmdq(n.p0) }
  }
}
`;
    expect(findingsOf("msix-exhausted", text)).toEqual([
      {
        ...at(text, "p0"),
        message: "n.p0 needs 67 MSI-X vectors, but it has 64: 1 for the PF itself, 16 for its receive queues and 50 for VMDq pools in use",
        help: "use fewer VMDq pools on n.p0 (move some `vmdq(n.p0)` interfaces to `vf(n.p0)` or `vswitch(...)`): the intel-82599 has at most 64 MSI-X vectors per PF",
      },
    ]);
  });

  it("is quiet at exactly enough vectors, and with the catalogue's default", () => {
    const queues = modelOf(topology("msix = 2")).pfs[0]!.queues;
    expect(findingsOf("msix-exhausted", topology(`msix = ${3 + queues}`))).toEqual([]);
    expect(findingsOf("msix-exhausted", topology("speed = 10Gbps"))).toEqual([]);
  });
});
