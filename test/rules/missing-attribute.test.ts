import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";
const ADD_ATTACH = "add `attach = ...`: write `vf(<pf>)`, `vf(<pf>, <index>)`, `vmdq(<pf>)`, `vswitch(<vswitch>)` or `pf(<pf>)`";

describe("missing-attribute", () => {
  it("requires `attach` on every interface, in a VM or on the host", () => {
    const text = "host h1 {\n  vm v {\n    iface eth0 { mac = auto }\n  }\n  iface bare { }\n}\n";
    expect(reportsOf("missing-attribute", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "eth0"),
        message: "interface `eth0` has no `attach`: every interface needs a data path",
        help: ADD_ATTACH,
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "bare"),
        message: "interface `bare` has no `attach`: every interface needs a data path",
        help: ADD_ATTACH,
        related: [],
      },
    ]);
  });

  it("requires `to` and `rate` on traffic, each reported on its name", () => {
    const text = "traffic t { size = 64B }\ntraffic u { rate = 1pps }\n";
    expect(reportsOf("missing-attribute", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "t {", 0, 1),
        message: "traffic `t` has no `rate`: it needs an offered load, or a `window` for a closed-loop flow",
        help: "add `rate = ...` as a packet rate (`1Mpps`) or a bit rate (`10Gbps`)",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "t {", 0, 1),
        message: "traffic `t` has no `to`: it needs a target interface",
        help: "add `to = <host>.<vm>.<iface>`",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "u {", 0, 1),
        message: "traffic `u` has no `to`: it needs a target interface",
        help: "add `to = <host>.<vm>.<iface>`",
        related: [],
      },
    ]);
  });

  it("takes an attribute inherited from a template as present", () => {
    const text = `template iface mgmt { attach = vswitch(br0) }
host h1 {
  vswitch br0 { }
  vm v { iface eth0 : mgmt { } }
}
traffic t { to = h1.v.eth0  rate = 1Mpps }
`;
    expect(errorLines(text)).toEqual([]);
  });
});
