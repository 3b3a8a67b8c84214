import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { escapeData, escapeProperty, githubCommand, renderGithub } from "../../src/diagnostics/render/github.js";
import { LineIndex } from "../../src/syntax/span.js";
import { propertyRuns } from "../helpers/property.js";

const lines = new LineIndex("samples/a,b:c.sriov", "host h1 {\n  vm web {\n    pin = 1..4\n  }\n}\n");
const pin = lines.span(lines.text.indexOf("1..4"), lines.text.indexOf("1..4") + 4);
const vm = lines.span(lines.text.indexOf("vm web"), lines.text.indexOf("  }\n}") + 3);

describe("github workflow commands", () => {
  it("escapes %, CR and LF in the message, and also : and , in properties", () => {
    expect(escapeData("50% of a\r\nb: c, d")).toBe("50%25 of a%0D%0Ab: c, d");
    expect(escapeProperty("50% a\nb: c, d")).toBe("50%25 a%0Ab%3A c%2C d");
  });

  it("prints one command per diagnostic with file, position, end, title and message", () => {
    const d = diagnostic("pin-overlap", "warning", pin, "web is pinned to core 1, which runs the hypervisor (100% busy)", {
      help: "pin web to cores 2..5",
    });
    expect(githubCommand(d)).toBe(
      "::warning file=samples/a%2Cb%3Ac.sriov,line=3,col=11,endLine=3,endColumn=15,title=pin-overlap::web is pinned to core 1, which runs the hypervisor (100%25 busy)%0Ahelp: pin web to cores 2..5",
    );
  });

  it("maps info to notice and error to error, and lists related spans before help", () => {
    const related = [{ span: pin, message: "first pinned here" }];
    const out = renderGithub([
      diagnostic("vf-assigned-twice", "error", pin, "VF 3 is attached twice", { related }),
      diagnostic("unused-vf", "info", pin, "p1 enables 4 VFs, but no interface uses them"),
    ]);
    expect(out).toBe(
      "::error file=samples/a%2Cb%3Ac.sriov,line=3,col=11,endLine=3,endColumn=15,title=vf-assigned-twice::VF 3 is attached twice%0Asamples/a,b:c.sriov:3:11: first pinned here\n" +
        "::notice file=samples/a%2Cb%3Ac.sriov,line=3,col=11,endLine=3,endColumn=15,title=unused-vf::p1 enables 4 VFs, but no interface uses them\n",
    );
  });

  it("leaves out the columns of a span over several lines (the runner rejects them)", () => {
    expect(githubCommand(diagnostic("unused-declaration", "info", vm, "vm web is unused"))).toBe(
      "::notice file=samples/a%2Cb%3Ac.sriov,line=2,endLine=4,title=unused-declaration::vm web is unused",
    );
  });

  it("in a GitHub workspace, paths are relative to the repository's root, as the runner reads them, even when run from a subdirectory", () => {
    const net = new LineIndex("net.sriov", "host h1 {\n  pin = 1..4\n}\n");
    const at = net.span(net.text.indexOf("1..4"), net.text.indexOf("1..4") + 4);
    const d = diagnostic("pin-overlap", "warning", at, "overlap", { related: [{ span: at, message: "here" }] });
    expect(renderGithub([d], { cwd: "/home/runner/work/repo/repo/infra", workspace: "/home/runner/work/repo/repo" })).toBe(
      "::warning file=infra/net.sriov,line=2,col=9,endLine=2,endColumn=13,title=pin-overlap::overlap%0Ainfra/net.sriov:2:9: here\n",
    );
    // Outside the workspace, or with no workspace (not on a runner), the path is the one the other formats show.
    expect(renderGithub([d], { cwd: "/tmp/elsewhere", workspace: "/home/runner/work/repo/repo" })).toMatch(/^::warning file=net\.sriov,/);
    expect(renderGithub([d], { cwd: "/home/runner/work/repo/repo/infra" })).toMatch(/^::warning file=net\.sriov,/);
  });

  it("prints nothing for no diagnostics", () => {
    expect(renderGithub([])).toBe("");
  });
});

describe("github escaping (property)", () => {
  const unescape = (text: string) => text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));

  it("a property value never holds a raw delimiter, and unescapes to the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "%", ":", ",", "\r", "\n", "0", "A", " ", "é") }), (text) => {
        const escaped = escapeProperty(text);
        expect(escaped).not.toMatch(/[:,\r\n]/);
        expect(unescape(escaped)).toBe(text);
      }),
      propertyRuns(100, 4002),
    );
  });

  it("a message never breaks the command's line", () => {
    fc.assert(
      fc.property(fc.string(), (message) => {
        const line = githubCommand(diagnostic("unused-vf", "info", pin, message));
        expect(line).not.toMatch(/[\r\n]/);
        expect(unescape(line.slice(line.indexOf("::", 2) + 2))).toBe(message);
      }),
      propertyRuns(100, 4003),
    );
  });
});
