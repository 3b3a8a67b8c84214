import { describe, expect, it } from "vitest";
import type { Span } from "../../src/syntax/span.js";
import { resolveFixture, resolveText } from "./helpers.js";

/** A record's names and values as `for…in` meets them (an entity's `attrs` is a view: entity-spans.ts). */
function written(attrs: Readonly<Partial<Record<string, Span>>>): [string, Span | undefined][] {
  const out: [string, Span | undefined][] = [];
  for (const name in attrs) out.push([name, attrs[name]]);
  return out;
}

/** `line:column-endLine:endColumn` of a span, with its file when asked. */
function at(span: Span | undefined, file = false): string {
  if (span === undefined) return "none";
  return `${file ? `${span.file}:` : ""}${span.line}:${span.column}-${span.endLine}:${span.endColumn}`;
}

describe("entity spans (kept as offsets, read as spans)", () => {
  const text = `template vm small {
  vcpus = 2
  memory = 2GiB
}
host h1 {
  nic n { pf p { vfs = 4
    mtu = 9000 } }
  vm web : small {
    memory = 4GiB
    vcpus = 1
    vcpus = 3
    iface eth0 { attach = vf(n.p)
      requires = [acl] }
  }
}
`;

  it("reads the name, the block and each attribute's value, first settings in order, template's first", () => {
    const { model } = resolveText(text);
    const vm = model.vms[0]!;
    expect(at(vm.spans.name)).toBe("8:6-8:9");
    expect(at(vm.spans.decl)).toBe("8:3-14:4");
    // The template's `vcpus` is overridden by the block's first `vcpus`; `memory` likewise. Order: template
    // members not overridden, then the block's own, as the members were merged.
    expect(written(vm.spans.attrs).map(([name, span]) => `${name} ${at(span)}`)).toEqual(["memory 9:14-9:18", "vcpus 10:13-10:14"]);
    const pf = model.pfs[0]!;
    expect(written(pf.spans.attrs).map(([name, span]) => `${name} ${at(span)}`)).toEqual(["vfs 6:24-6:25", "mtu 7:11-7:15"]);
    const iface = model.ifaces[0]!;
    expect(iface.spans.items.requires?.map((s) => at(s))).toEqual(["13:19-13:22"]);
    expect(iface.spans.attrs.attach?.file).toBe("test.sriov");
    expect(iface.spans.attrs.vlan).toBeUndefined();
    expect(["attach" in iface.spans.attrs, "vlan" in iface.spans.attrs]).toEqual([true, false]);
  });

  it("shows in JSON as the plain record did: name, decl, attrs, items, each span with its seven fields", () => {
    const { model } = resolveText(text);
    const nic = model.nics[0]!;
    expect(JSON.parse(JSON.stringify(nic.spans))).toEqual({
      name: { file: "test.sriov", start: 66, end: 67, line: 6, column: 7, endLine: 6, endColumn: 8 },
      decl: { file: "test.sriov", start: 62, end: 103, line: 6, column: 3, endLine: 7, endColumn: 19 },
      attrs: {},
      items: {},
    });
    const vm = JSON.parse(JSON.stringify(model.vms[0]!.spans)) as { attrs: Record<string, { line: number; column: number }> };
    expect(Object.keys(vm)).toEqual(["name", "decl", "attrs", "items"]);
    expect(Object.entries(vm.attrs).map(([name, span]) => `${name} ${span.line}:${span.column}`)).toEqual(["memory 9:14", "vcpus 10:13"]);
  });

  it("keeps an attribute inherited from a template of another file in that file", () => {
    const { model } = resolveFixture("imports/main.sriov");
    const web1 = model.vms.find((v) => v.id === "h2.web1")!;
    expect(at(web1.spans.name, true)).toBe("imports/main.sriov:8:6-8:15");
    expect(at(web1.spans.attrs.vcpus, true)).toBe("imports/lib.sriov:3:11-3:12");
    expect(at(web1.spans.attrs.description, true)).toBe("imports/lib.sriov:2:17-2:35");
    const app = model.vms.find((v) => v.id === "h1.app")!;
    expect(at(app.spans.attrs.vcpus, true)).toBe("imports/lib.sriov:3:11-3:12");
  });
});
