import { readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { configureDiagnostics, CONFIGURABLE_RULE_IDS, findRule, isStructureRule, RULE_IDS, RULES, runRules, settingFor } from "../../src/rules/registry.js";
import { analyzeModel } from "../../src/driver/analysis.js";
import { LineIndex } from "../../src/syntax/span.js";
import { checkSource, modelOf } from "../helpers/check-source.js";
import { REPO } from "../helpers/cli.js";

const STRUCTURE = [
  "syntax",
  "import-not-found",
  "import-cycle",
  "misplaced-block",
  "duplicate-name",
  "unknown-reference",
  "unknown-attribute",
  "invalid-value",
  "missing-attribute",
  "unknown-template",
  "input-syntax",
];

const broken = `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
    pf pf1 { vfs = 2 }
  }
  vm web {
    pin = 1..2
    iface eth0 { attach = vf(x710.pf0, 4) }
  }
}
`;

describe("rule registry", () => {
  it("marks fixable every rule whose findings carry fixes (`sriovc rules --format json` said false for two that --fix applies)", () => {
    const text = `// sriovc-disable-next-line pin-overlap
host h1 {
  cores = 8
  vswitch br0 {
    type = ovs
    features = [mirroring, mirroring]
  }
}
`;
    const fixed = checkSource(text).filter((d) => (d.fixes ?? []).length > 0);
    expect(fixed.map((d) => d.rule).sort()).toEqual(["duplicate-list-item", "unused-suppression"]);
    for (const d of fixed) expect(findRule(d.rule)!.meta.fixable, d.rule).toBe(true);
  });

  it("lists every rule once, each in src/rules/<id>.ts with its docs path", () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    const modules = readdirSync(path.join(REPO, "src/rules")).map((f) => f.replace(/\.ts$/, ""));
    for (const rule of RULES) {
      expect(modules, rule.meta.id).toContain(rule.meta.id);
      expect(rule.meta.docs).toBe(`docs/rules/${rule.meta.id}.md`);
      expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    }
    expect(RULES.filter((r) => r.meta.category === "structure").map((r) => r.meta.id)).toEqual(STRUCTURE);
  });

  it("gives every rule its own test file, test/rules/<id>.test.ts", () => {
    const tests = readdirSync(path.join(REPO, "test/rules"));
    expect(RULES.map((r) => r.meta.id).filter((id) => !tests.includes(`${id}.test.ts`))).toEqual([]);
  });

  it("structure rules have no check (earlier stages report them), are errors and cannot be configured", () => {
    for (const id of STRUCTURE) {
      const rule = findRule(id)!;
      expect(rule.check).toBeUndefined();
      expect(isStructureRule(id)).toBe(true);
      expect(settingFor(rule, { [id]: "off" })).toBe("error");
      expect(CONFIGURABLE_RULE_IDS).not.toContain(id);
    }
  });

  it("runs the checks with the configured severity, and not at all when off", () => {
    const model = modelOf(broken);
    const byDefault = runRules(model, analyzeModel).map((d) => `${d.rule}:${d.severity}`);
    expect(byDefault).toEqual(["vf-index-out-of-range:error", "pin-overlap:warning", "unused-vf:info"]);
    const configured = runRules(model, analyzeModel, { "vf-index-out-of-range": "warning", "pin-overlap": "off", "unused-vf": "error" }).map(
      (d) => `${d.rule}:${d.severity}`,
    );
    expect(configured).toEqual(["vf-index-out-of-range:warning", "unused-vf:error"]);
  });

  it("re-grades diagnostics made elsewhere, drops those turned off, leaves structure errors alone", () => {
    const span = new LineIndex("a.sriov", "host h1 {}\n").span(0, 4);
    const made = [
      diagnostic("interrupt-storm", "warning", span, "storm"),
      diagnostic("syntax", "error", span, "bad"),
      diagnostic("cpu-saturated", "warning", span, "hot"),
    ];
    expect(configureDiagnostics(made, { "interrupt-storm": "error", "cpu-saturated": "off", syntax: "off" }).map((d) => `${d.rule}:${d.severity}`)).toEqual([
      "interrupt-storm:error",
      "syntax:error",
    ]);
  });

  it("holds back hygiene rules while structure errors stand (the model lacks what they left out)", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf9) }
  }
}
`;
    expect(checkSource(text).map((d) => d.rule)).toEqual(["unknown-reference"]);
  });
});
