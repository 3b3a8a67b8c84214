import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseAllDocuments } from "yaml";
import { checkProgram } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { lowerModel } from "../../src/lower/lower.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { tempTree } from "../helpers/tmp.js";

export const REPO = path.resolve(import.meta.dirname, "../..");
export const SAMPLES = path.join(REPO, "samples");

/** The resolved model of a `.sriov` file (with its imports), whatever its check says; undefined on syntax errors. */
export function modelOfFile(file: string, cwd = path.dirname(file)) {
  const { workspace } = loadWorkspace([file], { cwd });
  return checkProgram(workspace.programs[workspace.programs.length - 1]!).model;
}

/** The IR of a `.sriov` file that checks without errors, or undefined. */
export function irOfFile(file: string, cwd = path.dirname(file)): Ir | undefined {
  const { workspace } = loadWorkspace([file], { cwd });
  const program = workspace.programs[workspace.programs.length - 1]!;
  const { model, diagnostics } = checkProgram(program);
  if (model === undefined || diagnostics.some((d) => d.severity === "error")) return undefined;
  const lowered = lowerModel(model);
  return lowered.ok ? lowered.ir : undefined;
}

export function irOfSource(text: string): Ir {
  const root = tempTree({ "t.sriov": text });
  const ir = irOfFile(path.join(root, "t.sriov"), root);
  if (ir === undefined) {
    const { workspace } = loadWorkspace([path.join(root, "t.sriov")], { cwd: root });
    const errors = checkProgram(workspace.programs[0]!).diagnostics.filter((d) => d.severity === "error");
    throw new Error(`the topology has errors:\n${errors.map((d) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`).join("\n")}\n${text}`);
  }
  return ir;
}

/** Every sample that checks without errors, by path relative to samples/. */
export function cleanSamples(): { file: string; ir: Ir }[] {
  return readdirSync(SAMPLES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".sriov"))
    .sort()
    .flatMap((file) => {
      const ir = irOfFile(path.join(SAMPLES, file), SAMPLES);
      return ir === undefined ? [] : [{ file, ir }];
    });
}

/** ajv with the setup the vendored schemas' README recommends (strict, the x-kubernetes keywords, formats). */
export function operatorValidators() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, keywords: ["x-kubernetes-list-type", "x-kubernetes-list-map-keys"] });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const load = (kind: string) => ajv.compile(JSON.parse(readFileSync(path.join(REPO, "schema/operator", `${kind}.schema.json`), "utf8")));
  return { SriovNetworkNodePolicy: load("SriovNetworkNodePolicy"), SriovNetwork: load("SriovNetwork"), OVSNetwork: load("OVSNetwork"), SriovNetworkNodeState: load("SriovNetworkNodeState") } as const;
}

/** Multi-document YAML → plain objects, read as YAML 1.1 as Kubernetes' YAML reader does (`on` is a boolean there). */
export function yamlObjects(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text, { version: "1.1" } as never)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => d !== null);
}
