/**
 * The checker of operator YAML/JSON and libvirt XML, imported only when an entry is such a file: it brings
 * the YAML and XML parsers, which a `check` of `.sriov` files would otherwise load at every start
 * (docs/PERFORMANCE.md, "CLI start").
 */
import type { InteropChecker } from "../driver/entries.js";
import { isInteropPath } from "../interop/formats.js";

export async function interopCheckerFor(entries: readonly string[]): Promise<InteropChecker | undefined> {
  return entries.some(isInteropPath) ? await import("../interop/check/index.js") : undefined;
}
