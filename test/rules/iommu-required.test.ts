import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const topology = (iommu: string) => `host h1 {
  ${iommu}
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
  iface host0 { attach = vf(x710.pf0) }
}
`;

describe("iommu-required", () => {
  it("reports a VF passed through to a VM on a host without IOMMU", () => {
    const text = topology("iommu = false");
    expect(findingsOf("iommu-required", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "web.eth0 passes VF 0 of x710.pf0 through to vm web, but host h1 has no IOMMU (`iommu = false`)",
        help: "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or attach with `vmdq(x710.pf0)`",
      },
    ]);
    const related = checkSource(text).find((d) => d.rule === "iommu-required")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[at(text, "false").line, at(text, "false").column, "IOMMU turned off here"]]);
  });

  it("does not need an IOMMU for the host's own use of a VF, nor with one", () => {
    expect(findingsOf("iommu-required", topology("iommu = true"))).toEqual([]);
  });
});
