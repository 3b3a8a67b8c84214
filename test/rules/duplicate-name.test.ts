import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const RENAME = "rename one of them: names are unique among the blocks of one scope, whatever their kind";
const FILE = "example.sriov";

describe("duplicate-name", () => {
  it("reports the second sibling, whatever the kinds, with the first as related span", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }
  vswitch x710 { }
}
`;
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "x710 {", 1, 4),
        message: "`x710` is already declared in host `h1`",
        help: RENAME,
        related: [{ file: FILE, ...spanOf(text, "x710 {", 0, 4), message: "`x710` first declared here" }],
      },
    ]);
  });

  it("names the scope by its kind and full id", () => {
    const text = "host h1 {\n  nic n {\n    pf p0 { }\n    pf p0 { }\n  }\n}\n";
    expect(reportsOf("duplicate-name", text).map((r) => [r.line, r.column, r.message])).toEqual([[4, 8, "`p0` is already declared in NIC `h1.n`"]]);
  });

  it("catches a replicated name clashing with a plain one, and says which range declared it", () => {
    const text = "host h1 {\n  vm web2 { }\n  vm web[1..3] { }\n}\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "web[1..3]"),
        message: "`web2` (declared by `web[…]`) is already declared in host `h1`",
        help: RENAME,
        related: [{ file: FILE, ...spanOf(text, "web2"), message: "`web2` first declared here" }],
      },
    ]);
  });

  it("reports a clash inside a replicated block once, not once per copy", () => {
    const text = "host h {\n  vswitch s { }\n  vm web[1..3] {\n    iface e { attach = vswitch(s) }\n    iface e { attach = vswitch(s) }\n  }\n}\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "e {", 1, 1),
        message: "`e` is already declared in VM `h.web1`",
        help: RENAME,
        related: [{ file: FILE, ...spanOf(text, "e {", 0, 1), message: "`e` first declared here" }],
      },
    ]);
  });

  it("treats hosts and traffic as one top scope", () => {
    const text = "host a { }\ntraffic a { to = x.y  rate = 1pps }\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "a {", 1, 1),
        message: "`a` is already declared at the top level",
        help: RENAME,
        related: [{ file: FILE, ...spanOf(text, "a {", 0, 1), message: "`a` first declared here" }],
      },
    ]);
  });

  it("reports a clash with a block of an imported file, pointing into that file", () => {
    const lib = "template vm small { }\nhost h1 { }\n";
    const text = 'import "./lib.sriov"\nhost h1 { }\n';
    expect(reportsOf("duplicate-name", text, { files: { "lib.sriov": lib } })).toEqual([
      {
        file: FILE,
        ...spanOf(text, "h1"),
        message: "`h1` is already declared at the top level",
        help: RENAME,
        related: [{ file: "lib.sriov", ...spanOf(lib, "h1"), message: "`h1` first declared here" }],
      },
    ]);
  });

  it("allows one `simulation` block per program and one `cost` block in it", () => {
    const text = "simulation {\n  cost { vm_exit = 3Kcyc }\n  cost { dma_latency = 1us }\n}\nsimulation { seed = 2 }\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "cost", 1),
        message: "a `simulation` has one `cost` block; this is a second one",
        help: "merge the two into one `cost` block",
        related: [{ file: FILE, ...spanOf(text, "cost", 0), message: "first declared here" }],
      },
      {
        file: FILE,
        ...spanOf(text, "simulation", 1),
        message: "a program has one `simulation` block; this is a second one",
        help: "merge the two into one `simulation` block",
        related: [{ file: FILE, ...spanOf(text, "simulation", 0), message: "first declared here" }],
      },
    ]);
  });

  it("reports an attribute set twice in one block", () => {
    const text = "host h1 {\n  cores = 4\n  cores = 8\n}\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "cores", 1),
        message: "`cores` is set twice in this `host`",
        help: "keep one of them (the first one is used)",
        related: [{ file: FILE, ...spanOf(text, "cores", 0), message: "first set here" }],
      },
    ]);
  });

  it("reports a template declared twice, whatever the kinds", () => {
    const text = "template vm t { }\ntemplate nic t { }\n";
    expect(reportsOf("duplicate-name", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "t {", 1, 1),
        message: "template `t` is declared twice",
        help: "rename one of them",
        related: [{ file: FILE, ...spanOf(text, "t {", 0, 1), message: "first declared here" }],
      },
    ]);
  });

  it("allows the same name in different scopes, and an attribute named like a block", () => {
    const text = `host h1 {
  nic a { pf p0 { } }
  nic b { pf p0 { } }
  vm cores { }
  cores = 8
}
host h2 {
  nic a { pf p0 { } }
}
`;
    expect(errorLines(text)).toEqual([]);
  });
});
