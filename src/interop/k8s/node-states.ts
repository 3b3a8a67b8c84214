/**
 * One SriovNetworkNodeState per node. The operator keeps one state per node, named for it, so a node given
 * twice (`kubectl get … -o yaml` saved twice, a List beside a single state) is one node dumped twice: read
 * twice, every PF it lists would be declared twice, which the user cannot fix by renaming. The same state
 * again is read once; two that differ (dumps taken at different times) leave no way to tell which is the
 * node's, and are an error.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { where } from "../import/common.js";
import type { NodeState, OperatorObject } from "./objects.js";

/** The rule of two declarations of one thing (`.sriov` blocks, here a node). */
const DUPLICATE_NAME = "duplicate-name";

export function oneStatePerNode(objects: readonly OperatorObject[]): { objects: OperatorObject[]; diagnostics: Diagnostic[] } {
  const first = new Map<string, { state: NodeState; content: string }>();
  const diagnostics: Diagnostic[] = [];
  const kept = objects.filter((object) => {
    if (object.kind !== "SriovNetworkNodeState") return true;
    const content = inventoryOf(object);
    const earlier = first.get(object.name);
    if (earlier === undefined) {
      first.set(object.name, { state: object, content });
      return true;
    }
    const related = [{ span: earlier.state.nameSpan, message: `the node state of \`${object.name}\` first given here` }];
    if (earlier.content === content)
      diagnostics.push(diagnostic(DUPLICATE_NAME, "info", object.nameSpan, `the node state of \`${object.name}\` is given again (first in ${where(earlier.state.nameSpan)}): it is read once`, { related }));
    else
      diagnostics.push(
        diagnostic(DUPLICATE_NAME, "error", object.nameSpan, `node \`${object.name}\` has two different node states, in ${where(earlier.state.nameSpan)} and ${where(object.nameSpan)}: sriovc cannot tell which is the node's`, {
          related,
          help: `give one state per node: the node's current one (kubectl get sriovnetworknodestates ${object.name} -o yaml)`,
        }),
      );
    return false;
  });
  return { objects: kept, diagnostics };
}

/** What a state says of the node's interfaces, without where it was written (metadata, such as resourceVersion, differs between dumps of one state). */
function inventoryOf(state: NodeState): string {
  return JSON.stringify(state.interfaces, (key, value: unknown) => (key === "span" ? undefined : value));
}
