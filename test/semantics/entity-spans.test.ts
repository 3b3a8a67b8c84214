import { describe, expect, it } from "vitest";
import { SHARED_LAYOUTS_LIMIT, sharedLayoutCount } from "../../src/semantics/entity-spans.js";
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

  it("gives entities of later resolutions that wrote the same attributes in the same order the same view class", () => {
    // Shared per process, so that code optimised for one check's `attrs` objects keeps its hidden classes.
    const first = resolveText(text).model;
    const second = resolveText(text.replace("vcpus = 1", "vcpus = 5")).model;
    expect(Object.getPrototypeOf(second.vms[0]!.spans.attrs)).toBe(Object.getPrototypeOf(first.vms[0]!.spans.attrs));
    expect(Object.getPrototypeOf(second.pfs[0]!.spans.attrs)).toBe(Object.getPrototypeOf(first.pfs[0]!.spans.attrs));
    // (Compared here, not by `expect(…).not.toBe`: that reads the prototype's getters, which need a view.)
    expect(Object.getPrototypeOf(second.vms[0]!.spans.attrs) === Object.getPrototypeOf(second.pfs[0]!.spans.attrs)).toBe(false);
    expect(at(second.vms[0]!.spans.attrs.vcpus)).toBe("10:13-10:14");
  });

  it("starts a new set of layouts once the shared one is past its limit (a long editor session)", () => {
    // Each VM writes a name no other wrote (an unknown attribute, kept like any other): a layout each.
    const vms = Array.from({ length: SHARED_LAYOUTS_LIMIT + 1 }, (_, i) => `  vm v${i} { unknown${i} = 1 }`).join("\n");
    const many = resolveText(`host h1 {\n${vms}\n}\n`).model;
    expect(many.vms).toHaveLength(SHARED_LAYOUTS_LIMIT + 1);
    const before = Object.getPrototypeOf(resolveText(text).model.vms[0]!.spans.attrs) as object;
    // The resolution after the one that went past the limit started afresh, and made only its own layouts.
    expect(sharedLayoutCount()).toBeLessThan(20);
    const last = many.vms[SHARED_LAYOUTS_LIMIT]!;
    const line = `  vm v${SHARED_LAYOUTS_LIMIT} { unknown${SHARED_LAYOUTS_LIMIT} = 1 }`;
    const column = line.indexOf("= 1") + 3;
    expect(written(last.spans.attrs).map(([name, span]) => `${name} ${at(span)}`)).toEqual([
      `unknown${SHARED_LAYOUTS_LIMIT} ${SHARED_LAYOUTS_LIMIT + 2}:${column}-${SHARED_LAYOUTS_LIMIT + 2}:${column + 1}`,
    ]);
    expect(Object.getPrototypeOf(resolveText(text).model.vms[0]!.spans.attrs)).toBe(before);
  });
});
