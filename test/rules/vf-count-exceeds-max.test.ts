import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (pf: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
${pf}
    }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
}
`;

describe("vf-count-exceeds-max", () => {
  it("reports vfs above the PF's own max_vfs, at vfs, with the limit's span", () => {
    const text = topology("      max_vfs = 32\n      vfs = 40");
    expect(findingsOf("vf-count-exceeds-max", text)).toEqual([
      { ...at(text, "40"), message: "x710.pf0 enables 40 VFs, but it supports at most 32 (its `max_vfs`)", help: "lower `vfs` on x710.pf0 to 32 or less" },
    ]);
  });

  it("uses the catalogue's limit when max_vfs is not written", () => {
    const text = topology("      vfs = 5000");
    const [only, ...rest] = findingsOf("vf-count-exceeds-max", text);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ ...at(text, "5000"), help: expect.stringMatching(/^lower `vfs` on x710\.pf0 to \d+ or less$/) });
    expect(only!.message).toMatch(/^x710\.pf0 enables 5000 VFs, but it supports at most \d+ \(the intel-x710 limit\)$/);
  });

  it("reports the PFs of one device over the device's total, naming the model with `the`", () => {
    const text = `host h1 {
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 200 }
    pf p1 { vfs = 100 }
  }
}
`;
    const found = findingsOf("vf-count-exceeds-max", text).map((f) => f.message);
    expect(found).toContain("the PFs of e810 enable 300 VFs in all, but the intel-e810 supports at most 256 per device");
  });

  it("stays quiet at the limit", () => {
    expect(findingsOf("vf-count-exceeds-max", topology("      max_vfs = 32\n      vfs = 32"))).toEqual([]);
  });
});
