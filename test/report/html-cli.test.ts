/** `sriovc simulate --format html [-o FILE]` and `sriovc compile --emit dot|mermaid [-o FILE]` through the built CLI. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const SAMPLE = "samples/four-data-paths.sriov";

describe("sriovc simulate --format html", () => {
  it("-o writes the same page that standard output gets, and nothing else is left in the directory", () => {
    const dir = tempTree({});
    const out = path.join(dir, "report.html");
    const written = sriovc(["simulate", SAMPLE, "--format", "html", "--compare", "--duration", "2ms", "-o", out]);
    expect(written.stderr).toBe("");
    expect(written.stdout).toBe("");
    expect(written.code).toBe(0);
    const printed = sriovc(["simulate", SAMPLE, "--format", "html", "--compare", "--duration", "2ms"]);
    const page = readFileSync(out, "utf8");
    expect(page).toBe(printed.stdout);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain("<title>sriovc: four-data-paths.sriov</title>");
    expect(page).toContain('id="compare"');
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });

  it("a path that cannot be written is a usage error (exit 2) with no stack trace", () => {
    const out = path.join(tempTree({}), "missing", "report.html");
    const run = sriovc(["simulate", SAMPLE, "--format", "html", "--duration", "1ms", "-o", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot write '${out}': its directory does not exist (ENOENT)`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe("sriovc compile --emit dot|mermaid", () => {
  it("prints the graph, or writes it with -o", () => {
    const dot = sriovc(["compile", SAMPLE, "--emit", "dot"]);
    expect(dot.code).toBe(0);
    expect(dot.stdout.startsWith("digraph sriovc {\n")).toBe(true);
    expect(dot.stdout).toContain('"kvm1.x710.pf0#vf0" -> "kvm1.via_vf.eth0" [label="SR-IOV"');
    const out = path.join(tempTree({}), "topology.mmd");
    const mermaid = sriovc(["compile", SAMPLE, "--emit", "mermaid", "-o", out]);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toBe("");
    expect(readFileSync(out, "utf8").startsWith("flowchart LR\n")).toBe(true);
  });

  it("a topology with errors gets no graph: the diagnostics and exit 1", () => {
    const run = sriovc(["compile", "samples/mistakes.sriov", "--emit", "dot"]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("digraph");
    expect(run.stdout).toMatch(/mistakes\.sriov:\d+:\d+/);
  });
});
