import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

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
        help: "give each interface its own MAC, or use `mac = auto`",
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
        help: "give each interface its own MAC, or use `mac = auto`",
      },
    ]);
  });

  it("allows the same MAC on another PF", () => {
    expect(findingsOf("duplicate-mac", topology("vmdq(x710.pf1)"))).toEqual([]);
  });
});
