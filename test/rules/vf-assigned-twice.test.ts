import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
  vm db {
    pin = 4..5
    iface eth0 { attach = vf(x710.pf0, 2) }
    iface eth1 { attach = vf(x710.pf0, 2) }
  }
}
`;

describe("vf-assigned-twice", () => {
  it("reports the second interface on a VF, pointing at the first", () => {
    expect(findingsOf("vf-assigned-twice", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0, 2)", 1),
        message: "db.eth1 attaches VF 2 of x710.pf0, which db.eth0 already uses",
        help: "give the interfaces different VFs: `vf(x710.pf0)` without an index takes the next free one",
      },
    ]);
    const d = checkSource(text).find((x) => x.rule === "vf-assigned-twice")!;
    expect(d.related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([
      [at(text, "vf(x710.pf0, 2)").line, at(text, "vf(x710.pf0, 2)").column, "first attached here, by db.eth0"],
    ]);
  });

  it("lets automatic allocation skip VFs taken by an index", () => {
    expect(findingsOf("vf-assigned-twice", text.replace("vf(x710.pf0, 2) }\n  }", "vf(x710.pf0, 0) }\n  }"))).toEqual([]);
  });

  it("names the copies of a replicated block that attach a VF the first copy holds", () => {
    const replicated = `host h1 {
  cores = 16
  nic x710 { pf pf0 { vfs = 4 } }
  vm web[1..4] {
    iface eth0 { attach = vf(x710.pf0, 1) }
  }
}
`;
    const [only, ...rest] = checkSource(replicated).filter((d) => d.rule === "vf-assigned-twice");
    expect(rest).toEqual([]);
    expect([only!.span.line, only!.span.column, only!.message]).toEqual([5, 27, "web2..web4.eth0 attach VF 1 of x710.pf0, which web1.eth0 already uses"]);
    expect(only!.locations?.map((l) => l.message)).toEqual([
      "web2.eth0 attaches VF 1 of x710.pf0, which web1.eth0 already uses",
      "web3.eth0 attaches VF 1 of x710.pf0, which web1.eth0 already uses",
      "web4.eth0 attaches VF 1 of x710.pf0, which web1.eth0 already uses",
    ]);
  });
});
