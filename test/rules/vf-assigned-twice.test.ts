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
        message: "VF 2 of x710.pf0 is attached twice: db.eth0 already uses it",
        help: "give each interface its own VF: `vf(x710.pf0)` without an index takes the next free one",
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
});
