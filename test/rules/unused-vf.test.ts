import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (vfs: number, vm: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = ${vfs} }
  }
  iface mgmt { attach = pf(x710.pf0) }
${vm}}
`;

describe("unused-vf", () => {
  it("reports VFs enabled on a PF that no interface uses", () => {
    const text = topology(4, "");
    expect(findingsOf("unused-vf", text)).toEqual([
      {
        ...at(text, "4 }"),
        message: "x710.pf0 enables 4 VFs, but no interface uses them",
        help: "attach interfaces with `vf(x710.pf0)`, or remove `vfs`: each enabled VF holds queues and interrupt vectors",
      },
    ]);
    expect(findingsOf("unused-vf", topology(1, "")).map((f) => f.message)).toEqual(["x710.pf0 enables 1 VF, but no interface uses it"]);
  });

  it("is quiet once one VF is used", () => {
    expect(findingsOf("unused-vf", topology(4, "  vm web {\n    pin = 2..3\n    iface eth0 { attach = vf(x710.pf0) }\n  }\n"))).toEqual([]);
  });

  it("is an info by default and can be turned off or up", () => {
    const text = topology(4, "");
    expect(findingsOf("unused-vf", text, { settings: { "unused-vf": "off" } })).toEqual([]);
  });
});
