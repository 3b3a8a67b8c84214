import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (vfs: string) => `host h1 {
  cores = 16
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      ${vfs}
    }
  }
  vm web[1..3] {
    vcpus = 1
    iface eth0 {
      attach = vf(x710.pf0)
    }
  }
}
`;

describe("vf-exhausted", () => {
  it("reports once per PF, saying how many were asked for and how many exist", () => {
    const text = topology("vfs = 2");
    expect(findingsOf("vf-exhausted", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "no free VF left on x710.pf0 for web3.eth0: 3 interfaces ask for VFs of x710.pf0, but it enables 2",
        help: "raise `vfs` on x710.pf0 to 3",
      },
    ]);
  });

  it("says 'none' when the PF enables no VFs", () => {
    const text = topology("speed = 10Gbps");
    expect(findingsOf("vf-exhausted", text).map((f) => f.message)).toEqual([
      "no free VF left on x710.pf0 for web1.eth0: 3 interfaces ask for VFs of x710.pf0, but it enables none",
    ]);
  });

  it("is quiet when every interface gets a VF", () => {
    expect(findingsOf("vf-exhausted", topology("vfs = 3"))).toEqual([]);
  });
});
