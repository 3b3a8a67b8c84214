import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";

const host = (attach: string, more = "") => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
    pf pf1 { vfs = 4 }
  }
  vm web { iface eth0 { attach = ${attach} } }
}
${more}`;

describe("unknown-reference", () => {
  it("suggests the closest visible name for a misspelt first segment", () => {
    const text = host("vf(x71.pf0)");
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "x71.pf0"),
        message: "unknown reference `x71.pf0`: nothing named `x71` is visible here",
        help: "did you mean `x710.pf0`?",
        related: [],
      },
    ]);
  });

  it("suggests the closest child for a misspelt later segment", () => {
    const text = host("vf(x710.pf2)");
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "x710.pf2"),
        message: "unknown reference `x710.pf2`: NIC `x710` has no `pf2`",
        help: "did you mean `x710.pf0` or `x710.pf1`?",
        related: [],
      },
    ]);
  });

  it("suggests only names whose children complete the reference", () => {
    // `n`, `s` and `t` are all one edit from each other; only NIC `x` has a `p0`.
    const text = "host h1 {\n  nic x { pf p0 { } }\n  vswitch s { uplinks = [n.p0] }\n}\ntraffic t { to = h1.x.p0  rate = 1Kpps }\n";
    expect(reportsOf("unknown-reference", text)).toEqual([
      { file: FILE, ...spanOf(text, "n.p0"), message: "unknown reference `n.p0`: nothing named `n` is visible here", help: "did you mean `x.p0`?", related: [] },
    ]);
    const none = text.replace("[n.p0]", "[n.q9]");
    expect(reportsOf("unknown-reference", none).map((r) => r.help)).toEqual([undefined]);
  });

  it("lists the children when no name is close", () => {
    const text = host("vf(x710.uplink)");
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "x710.uplink"),
        message: "unknown reference `x710.uplink`: NIC `x710` has no `uplink`",
        help: "it has `pf0`, `pf1`",
        related: [],
      },
    ]);
  });

  it("at the top level, suggests qualifying the name with its host", () => {
    const text = host("vf(x710.pf0)", "traffic t { to = web.eth0  rate = 1Mpps }\n");
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "web.eth0"),
        message: "unknown reference `web.eth0`: nothing named `web` is visible here",
        help: "did you mean `h1.web.eth0`?",
        related: [],
      },
    ]);
  });

  it("resolves a traffic source the same way", () => {
    const text = host("vf(x710.pf0)", "traffic t { from = h1.web.eth1  to = h1.web.eth0  rate = 1Mpps }\n");
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "h1.web.eth1"),
        message: "unknown reference `h1.web.eth1`: VM `h1.web` has no `eth1`",
        help: "did you mean `h1.web.eth0`?",
        related: [],
      },
    ]);
  });

  it("does not suggest another host's PF from inside a host", () => {
    const text = `host h1 {
  nic x710 { pf pf0 { vfs = 4 } }
}
host h2 {
  vm web { iface eth0 { attach = vf(x710.pf0) } }
}
`;
    expect(reportsOf("unknown-reference", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "x710.pf0"),
        message: "unknown reference `x710.pf0`: nothing named `x710` is visible here",
        related: [],
      },
    ]);
  });

  it("resolves names from the innermost scope outward, in every kind of reference", () => {
    const text = host(
      "vf(x710.pf0)",
      `host h2 {
  nic x710 { pf pf0 { } }
  vswitch s { uplinks = [x710.pf0] }
  vm g { iface lan { attach = vswitch(s) } }
}
traffic t { from = h1.web.eth0  to = h2.g.lan  rate = 1Mpps }
`,
    );
    expect(errorLines(text)).toEqual([]);
  });
});
