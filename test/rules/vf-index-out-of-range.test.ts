import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (vfs: string, attach: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      ${vfs}
    }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = ${attach}
    }
  }
}
`;

describe("vf-index-out-of-range", () => {
  it("says which VFs exist", () => {
    const text = topology("vfs = 8", "vf(x710.pf0, 8)");
    expect(findingsOf("vf-index-out-of-range", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0, 8)"),
        message: "VF 8 does not exist: x710.pf0 enables 8 VFs (0–7)",
        help: "use an index from 0 to 7, or raise `vfs` on x710.pf0 to 9",
      },
    ]);
  });

  it("does not tell to raise `vfs` past what the PF supports (that is vf-count-exceeds-max)", () => {
    const past = topology("vfs = 4\n      max_vfs = 16", "vf(x710.pf0, 40)");
    expect(findingsOf("vf-index-out-of-range", past).map((f) => f.help)).toEqual(["use an index from 0 to 3: x710.pf0 supports at most 16 VFs (0–15)"]);
    const none = topology("max_vfs = 16", "vf(x710.pf0, 40)");
    expect(findingsOf("vf-index-out-of-range", none).map((f) => f.help)).toEqual(["set `vfs` on x710.pf0 and use an index below that number: x710.pf0 supports at most 16 VFs (0–15)"]);
    const raise = topology("vfs = 4\n      max_vfs = 16", "vf(x710.pf0, 15)");
    expect(findingsOf("vf-index-out-of-range", raise).map((f) => f.help)).toEqual(["use an index from 0 to 3, or raise `vfs` on x710.pf0 to 16"]);
  });

  it("handles a PF with no VFs and with one", () => {
    const none = topology("speed = 10Gbps", "vf(x710.pf0, 0)");
    expect(findingsOf("vf-index-out-of-range", none)).toEqual([
      { ...at(none, "vf(x710.pf0, 0)"), message: "VF 0 does not exist: x710.pf0 enables no VFs", help: "set `vfs` on x710.pf0 to at least 1" },
    ]);
    const one = topology("vfs = 1", "vf(x710.pf0, 1)");
    expect(findingsOf("vf-index-out-of-range", one).map((f) => f.message)).toEqual(["VF 1 does not exist: x710.pf0 enables 1 VF (0)"]);
  });

  it("accepts the last VF", () => {
    expect(findingsOf("vf-index-out-of-range", topology("vfs = 8", "vf(x710.pf0, 7)"))).toEqual([]);
  });
});
