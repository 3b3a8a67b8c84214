import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

describe("unused-declaration", () => {
  it("reports a vSwitch without ports or uplinks, a NIC none of whose PFs is used, and an unused template", () => {
    const text = `template vm small_vm {
  vcpus = 2
}

host h1 {
  nic spare {
    model = "intel-x710"
    pf p0 { speed = 10Gbps }
  }
  vswitch br0 {
    type = ovs
  }
  vm web {
    pin = 2..3
  }
}
`;
    expect(findingsOf("unused-declaration", text)).toEqual([
      { ...at(text, "small_vm"), message: "template vm small_vm is never used", help: "start a block from it (`vm NAME : small_vm { ... }`), or remove it" },
      {
        ...at(text, "spare"),
        message: "nic spare is declared, but none of its PFs is used",
        help: "attach an interface to one of its PFs or make one a vSwitch uplink, or remove it",
      },
      {
        ...at(text, "br0"),
        message: "vswitch br0 is declared, but no interface attaches to it and it has no uplinks",
        help: "attach interfaces with `vswitch(br0)`, or remove it",
      },
    ]);
  });

  it("counts uses: a template started from, a vSwitch uplink, an attachment", () => {
    const text = `template vm small_vm {
  vcpus = 2
}

host h1 {
  nic x710 {
    model = "intel-x710"
    pf p0 { speed = 10Gbps }
  }
  vswitch br0 {
    uplinks = [x710.p0]
  }
  vm web : small_vm {
    pin = 2..3
  }
}
`;
    expect(findingsOf("unused-declaration", text)).toEqual([]);
  });

  it("does not report templates of an imported file (a library)", () => {
    const text = 'import "./lib.sriov"\n\nhost h1 {\n  vm web {\n    pin = 2..3\n  }\n}\n';
    expect(findingsOf("unused-declaration", text, { files: { "lib.sriov": "template vm big_vm {\n  vcpus = 8\n}\n" } })).toEqual([]);
  });
});
