import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

describe("misplaced-block", () => {
  it("says where each misplaced block may go, on its keyword and name", () => {
    const text = [
      "pf p0 { }",
      "host h {",
      "  pf p1 { }",
      "  traffic t { }",
      "  vm v { nic n { } cost { } }",
      "}",
      "simulation { vm x { } }",
      "template vm t { pf p2 { } }",
      "cost { }",
      "",
    ].join("\n");
    expect(reportsOf("misplaced-block", text).map((r) => [r.line, r.column, r.endColumn, r.message, r.help])).toEqual([
      [1, 1, 6, "a `pf` block cannot stand at the top level", "move it inside a `nic`"],
      [3, 3, 8, "a `pf` block cannot stand inside a `host`", "move it inside a `nic`"],
      [4, 3, 12, "a `traffic` block cannot stand inside a `host`", "move it to the top level"],
      [5, 10, 15, "a `nic` block cannot stand inside a `vm`", "move it inside a `host`"],
      [5, 20, 24, "a `cost` block cannot stand inside a `vm`", "move it inside a `simulation`"],
      [7, 14, 18, "a `vm` block cannot stand inside a `simulation`", "move it inside a `host`"],
      [8, 17, 22, "a `pf` block cannot stand inside a `vm`", "move it inside a `nic`"],
      [9, 1, 5, "a `cost` block cannot stand at the top level", "move it inside a `simulation`"],
    ]);
  });

  it("spans the keyword and the name, and lists every allowed place", () => {
    const text = "host h {\n  vswitch s { }\n  iface x {\n    attach = vswitch(s)\n    iface y { }\n  }\n}\n";
    expect(reportsOf("misplaced-block", text)).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, "iface y"),
        message: "an `iface` block cannot stand inside an `iface`",
        help: "move it inside a `host`, inside a `vm` or inside a `container`",
        related: [],
      },
    ]);
  });

  it("accepts every block in its place", () => {
    const text = `host h {
  nic n { pf p { vfs = 1 } }
  vswitch s { }
  iface mgmt { attach = pf(n.p) }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h.v.e  rate = 1pps }
simulation { cost { vm_exit = 3Kcyc } }
template vm small { iface e { attach = vswitch(s) } }
`;
    expect(errorLines(text)).toEqual([]);
  });
});
