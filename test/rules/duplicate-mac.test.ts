import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";
import { autoMac } from "../../src/semantics/allocation.js";

const topology = (secondAttach: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vmdq_pools = 2 }
    pf pf1 { vmdq_pools = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vmdq(x710.pf0)
      mac = 52:54:00:00:00:01
    }
  }
  vm db {
    pin = 4..5
    iface eth0 {
      attach = ${secondAttach}
      mac = 52:54:00:00:00:01
    }
  }
}
`;

describe("duplicate-mac", () => {
  it("reports the second interface with the MAC on one PF", () => {
    const text = topology("vmdq(x710.pf0)");
    expect(findingsOf("duplicate-mac", text)).toEqual([
      {
        ...at(text, "52:54:00:00:00:01", 1),
        message: "MAC 52:54:00:00:00:01 of db.eth0 is already used by web.eth0 on x710.pf0",
        help: "give the interfaces different MACs, or use `mac = auto`",
      },
    ]);
  });

  it("counts a vSwitch port as on the vSwitch's uplinks too", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vswitch br0 { uplinks = [x710.pf0] }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vswitch(br0)
      mac = 52:54:00:00:00:07
    }
    iface eth1 {
      attach = vf(x710.pf0)
      mac = 52:54:00:00:00:07
    }
  }
}
`;
    expect(findingsOf("duplicate-mac", text)).toEqual([
      {
        ...at(text, "52:54:00:00:00:07", 1),
        message: "MAC 52:54:00:00:00:07 of web.eth1 is already used by web.eth0 on x710.pf0",
        help: "give the interfaces different MACs, or use `mac = auto`",
      },
    ]);
  });

  it("allows the same MAC on another PF", () => {
    expect(findingsOf("duplicate-mac", topology("vmdq(x710.pf1)"))).toEqual([]);
  });
});

describe("duplicate-mac and automatic MACs", () => {
  // `mac = auto` is a hash of the interface's id: unique among automatic MACs, but a written MAC can be the
  // very address another interface gets (copied from `sriovc compile` output), and the compiled topology had it twice.
  it("reports a written MAC that is another interface's automatic one, on the same PF", () => {
    const auto = autoMac("h1.web.eth0");
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vmdq_pools = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vmdq(x710.pf0) }
  }
  vm db {
    pin = 4..5
    iface eth0 {
      attach = vmdq(x710.pf0)
      mac = ${auto}
    }
  }
}
`;
    expect(findingsOf("duplicate-mac", text)).toEqual([
      {
        ...at(text, auto),
        message: `MAC ${auto} of db.eth0 is the automatic MAC of web.eth0 on x710.pf0`,
        help: "give db.eth0 another MAC, or use `mac = auto`",
      },
    ]);
    expect(checkSource(text).find((d) => d.rule === "duplicate-mac")!.related.map((r) => [r.span.line, r.message])).toEqual([[8, "web.eth0 has it from `mac = auto`"]]);
    expect(findingsOf("duplicate-mac", text.replace("pf pf0 { vmdq_pools = 2 }", "pf pf0 { vmdq_pools = 2 }\n    pf pf1 { vmdq_pools = 2 }").replace(/attach = vmdq\(x710.pf0\)\n      mac/, "attach = vmdq(x710.pf1)\n      mac"))).toEqual([]);
  });
});
