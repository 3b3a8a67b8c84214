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
        message: `x710.pf0 needs ${3 + queues} MSI-X vectors, but has 2: 1 for the PF itself, ${queues} for its receive queues and 2 for VMDq pools in use`,
        help: `raise \`msix\` on x710.pf0 to ${3 + queues} if the intel-x710 has that many`,
      },
    ]);
  });

  it("offers fewer VMDq pools only when that alone would do", () => {
    // The PF's own queues are the catalogue's: no attribute lowers them, so fewer pools help only when they fit.
    const queues = modelOf(topology("msix = 2")).pfs[0]!.queues;
    expect(findingsOf("msix-exhausted", topology(`msix = ${2 + queues}`)).map((f) => f.help)).toEqual([
      `raise \`msix\` on x710.pf0 to ${3 + queues} if the intel-x710 has that many, or use fewer VMDq pools`,
    ]);
    const noPools = topology(`msix = 4`).replace(/  vm a \{[^]*$/, "}\n");
    expect(findingsOf("msix-exhausted", noPools).map((f) => f.help)).toEqual([`raise \`msix\` on x710.pf0 to ${1 + queues} if the intel-x710 has that many`]);
  });

  it("is quiet at exactly enough vectors, and with the catalogue's default", () => {
    const queues = modelOf(topology("msix = 2")).pfs[0]!.queues;
    expect(findingsOf("msix-exhausted", topology(`msix = ${3 + queues}`))).toEqual([]);
    expect(findingsOf("msix-exhausted", topology("speed = 10Gbps"))).toEqual([]);
  });
});
