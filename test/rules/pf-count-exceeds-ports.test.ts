import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const nic = (pfs: number) => `host h1 {
  nic x710 {
    model = "intel-x710"
${Array.from({ length: pfs }, (_, i) => `    pf p${i} { }\n`).join("")}  }
}
`;

describe("pf-count-exceeds-ports", () => {
  it("reports a fifth PF on a four-port X710, at the first PF without a port", () => {
    const text = nic(5);
    expect(findingsOf("pf-count-exceeds-ports", text)).toEqual([
      {
        ...at(text, "p4"),
        message: "x710 declares 5 PFs, but the intel-x710 has 4 ports: p4 has no port",
        help: "move p4 to another NIC, or set `model` on x710 to one with 5 ports",
      },
    ]);
  });

  it("names the others as related locations", () => {
    const text = nic(6);
    const [only] = findingsOf("pf-count-exceeds-ports", text);
    expect(only?.message).toBe("x710 declares 6 PFs, but the intel-x710 has 4 ports: p4 and 1 more PF have no port");
  });

  it("is quiet with as many PFs as ports, and for the generic model (ports unknown)", () => {
    expect(findingsOf("pf-count-exceeds-ports", nic(4))).toEqual([]);
    expect(findingsOf("pf-count-exceeds-ports", nic(3).replace("intel-x710", "generic"))).toEqual([]);
  });
});
