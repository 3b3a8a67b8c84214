import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const topology = (pools: number) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vmdq_pools = ${pools} }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vmdq(x710.pf0) }
  }
  vm db {
    pin = 4..5
    iface eth0 { attach = vmdq(x710.pf0) }
  }
}
`;

describe("vmdq-pools-exhausted", () => {
  it("reports the first interface past the pools", () => {
    const text = topology(1);
    expect(findingsOf("vmdq-pools-exhausted", text)).toEqual([
      {
        ...at(text, "vmdq(x710.pf0)", 1),
        message: "no VMDq pool left on x710.pf0 for db.eth0: 2 interfaces use `vmdq(x710.pf0)`, but it has 1 pool",
        help: "raise `vmdq_pools` on x710.pf0 to 2",
      },
    ]);
  });

  it("says when the PF has no VMDq at all", () => {
    const text = topology(0);
    expect(findingsOf("vmdq-pools-exhausted", text)).toEqual([
      {
        ...at(text, "vmdq(x710.pf0)"),
        message: "x710.pf0 has no VMDq pools, so web.eth0 cannot use `vmdq(x710.pf0)`",
        help: "set `vmdq_pools` on x710.pf0 (the intel-x710 has up to 16)",
      },
    ]);
  });

  it("is quiet with a pool each", () => {
    expect(findingsOf("vmdq-pools-exhausted", topology(2))).toEqual([]);
  });
});

describe("vmdq-pools-exhausted: help lines name only what the model accepts", () => {
  it("the issue's host: no IOMMU, a PF with no VFs, an interface that requires acl: no vf(...) suggested", () => {
    const text = `host h1 {
  iommu = false
  nic ixgbe {
    model = "intel-82599"
    pf p0 { vmdq_pools = 1 }
  }
  vswitch fw {
    uplinks = [ixgbe.p0]
    features = [acl]
  }
  vm a { iface eth0 { attach = vmdq(ixgbe.p0) } }
  vm b {
    iface eth0 {
      attach = vmdq(ixgbe.p0)
      requires = [acl]
    }
  }
}
`;
    const [found] = checkSource(text).filter((d) => d.rule === "vmdq-pools-exhausted");
    expect(found?.help).toBe("raise `vmdq_pools` on ixgbe.p0 to 2, or attach some of them with `vswitch(fw)`");
  });
});
