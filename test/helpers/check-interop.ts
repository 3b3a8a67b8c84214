import * as path from "node:path";
import { checkEntries } from "../../src/driver/workspace.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { RuleSettings } from "../../src/rules/registry.js";
import { tempTree } from "./tmp.js";

/** `sriovc check` on some files (name → text), all given as entries, as the CLI runs it. */
export function checkFiles(files: Record<string, string>, rules?: RuleSettings): Diagnostic[] {
  const root = tempTree(files);
  return checkEntries(
    Object.keys(files).map((f) => path.join(root, f)),
    rules === undefined ? { cwd: root } : { cwd: root, settings: { rules } },
  ).diagnostics;
}

/** One rule's findings as `file:line:col message` plus help, for exact assertions. */
export function findingsIn(rule: string, files: Record<string, string>, rules?: RuleSettings): { at: string; message: string; help: string | undefined; related: string[] }[] {
  return checkFiles(files, rules)
    .filter((d) => d.rule === rule)
    .map((d) => ({ at: `${d.span.file}:${d.span.line}:${d.span.column}`, message: d.message, help: d.help, related: d.related.map((r) => `${r.span.file}:${r.span.line}:${r.span.column} ${r.message}`) }));
}

export const NODE_STATE = `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodeState
metadata:
  name: worker-0
status:
  interfaces:
    - name: ens1f0
      pciAddress: "0000:18:00.0"
      vendor: "8086"
      deviceID: "1572"
      mtu: 1500
      totalvfs: 64
    - name: ens1f1
      pciAddress: "0000:86:00.0"
      vendor: "15b3"
      deviceID: "1017"
      mtu: 9000
      totalvfs: 127
`;

export function policy(spec: { name?: string; numVfs?: number; pfNames?: string; resource?: string; host?: string; extra?: string } = {}): string {
  return `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodePolicy
metadata:
  name: ${spec.name ?? "policy-1"}
  namespace: sriov-network-operator
spec:
  nodeSelector:
    kubernetes.io/hostname: ${spec.host ?? "worker-0"}
  resourceName: ${spec.resource ?? "intelnics"}
  numVfs: ${spec.numVfs ?? 8}
  nicSelector:
    pfNames: ${spec.pfNames ?? '["ens1f0"]'}
${spec.extra ?? ""}`;
}

export function network(spec: string, name = "net-a"): string {
  return `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: ${name}
spec:
${spec}`;
}
