/**
 * The driver's entry for the public API and the tests: ./entries.ts with the checker of operator YAML/JSON
 * and libvirt XML bound in, so `checkEntries` takes any entry. The CLI uses ./entries.ts directly and
 * imports that checker only when an entry needs it (it brings the YAML and XML parsers).
 */
import * as interop from "../interop/check/index.js";
import { checkEntriesWith, type CheckResult, type OpenOptions } from "./entries.js";
import type { EntryError } from "../semantics/loader.js";

export { capDiagnosticsPerFile, checkEntriesWith, checkProgram, dedupe, openWorkspace, type CheckResult, type InteropChecker, type OpenOptions } from "./entries.js";

/** Loads the entries (`.sriov`, operator YAML/JSON, libvirt XML) and checks every program. */
export function checkEntries(entries: readonly string[], options: OpenOptions = {}): CheckResult & { entryErrors: EntryError[] } {
  return checkEntriesWith(interop, entries, options);
}
