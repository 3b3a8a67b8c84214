import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (second: string, otherHost = "") => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { pci = 0000:3B:00.0 }
    pf pf1 { pci = ${second} }
  }
  iface a { attach = pf(x710.pf0) }
  iface b { attach = pf(x710.pf1) }
}
${otherHost}`;

describe("pci-address-duplicate", () => {
  it("reports the second PF with the address, whatever the case of its hex digits", () => {
    const text = topology("0000:3b:00.0");
    expect(findingsOf("pci-address-duplicate", text)).toEqual([
      {
        ...at(text, "0000:3b:00.0"),
        message: "PCI address 0000:3b:00.0 of x710.pf1 is already used by x710.pf0 on host h1",
        help: "give the PFs the addresses of different functions (`lspci -D` lists them)",
      },
    ]);
  });

  it("allows the same address on another host, and distinct addresses", () => {
    const other = `host h2 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { pci = 0000:3b:00.0 }
  }
  iface a { attach = pf(x710.pf0) }
}
`;
    expect(findingsOf("pci-address-duplicate", topology("0000:3b:00.1", other))).toEqual([]);
  });
});
