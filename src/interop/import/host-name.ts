/**
 * The name of the host that `sriovc import host` writes (docs/INTEROP.md, "The host"), decided here only:
 *
 * 1. the name given: `--host NAME`, or the live machine's host name (no `--sysfs`, no output files; the CLI
 *    asks the system);
 * 2. a host name recorded in the input: the captured root's `etc/hostname` (else `proc/sys/kernel/hostname`,
 *    else a sosreport's `hostname`) when `--sysfs` names a directory called `sys`, the `/sys` of a captured
 *    root; else a shell prompt pasted above the `ip link` output (`root@edge-7:~# ip -d link show`);
 * 3. the name of the `--sysfs` directory (`captures/edge-7/sys` → `edge-7`), past the names every capture
 *    has (`sys`, `sysfs`) and words that are no `.sriov` name (`host`, `vm`);
 * 4. `unnamed_host`.
 *
 * A name from 1 or 2 is the machine's own: where `.sriov` cannot hold it (`web01.example.com`), it is kept as
 * the host's `node`, as `--emit k8s` selects the node by it. A directory's name is no machine's name.
 */
import { realpathSync } from "node:fs";
import * as path from "node:path";
import { readUntrustedFile } from "../../semantics/untrusted-file.js";
import { isReservedWord, sriovName } from "../writer.js";

export interface HostName {
  /** The `.sriov` name of the host block. */
  readonly name: string;
  /** The machine's own name as found, when it is one (given, or recorded in the input). */
  readonly machine: string | undefined;
  /** Where the name came from, for the host's comment; undefined when it was given. */
  readonly from: string | undefined;
}

/** The fallback when nothing names the machine: a valid name that says so. */
export const UNNAMED_HOST = "unnamed_host";

/** RFC 1123 host names: dot-separated labels of letters, digits and `-`, at most 253 characters. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * A shell prompt with the host in it, as bash's defaults print it (`user@host:dir$ `, Red Hat's
 * `[user@host dir]# `), at the start of a line.
 */
const PROMPT = /^\[?[A-Za-z_][A-Za-z0-9_.-]*@([A-Za-z0-9][A-Za-z0-9.-]*)[:\s][^\n]*?[#$] /;

/** Files of a captured root that hold its host name, in the order they are tried. */
const RECORDED = ["etc/hostname", "proc/sys/kernel/hostname", "hostname"];

/** Directory names every capture of /sys has: they name no machine. */
const GENERIC_DIRS = new Set(["sys", "sysfs"]);

export function hostNameOf(input: { readonly given: string | undefined; readonly sysfs: string | undefined; readonly outputs: readonly { readonly path: string; readonly text: string }[] }): HostName {
  if (input.given !== undefined) return { name: sriovName(input.given), machine: input.given, from: undefined };
  const root = input.sysfs === undefined ? undefined : path.resolve(input.sysfs);
  if (root !== undefined && path.basename(root) === "sys") {
    const captured = path.dirname(root);
    for (const file of RECORDED) {
      const recorded = readHostName(captured, file);
      if (recorded !== undefined) return { name: sriovName(recorded), machine: recorded, from: `the host name in ${path.join(input.sysfs!, "..", file)}` };
    }
  }
  for (const output of input.outputs) {
    const lines = output.text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const host = PROMPT.exec(lines[i]!)?.[1];
      if (host !== undefined && HOSTNAME.test(host)) return { name: sriovName(host), machine: host, from: `the shell prompt at ${output.path}:${i + 1}` };
    }
  }
  if (root !== undefined) {
    for (let dir = root; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const base = path.basename(dir);
      if (GENERIC_DIRS.has(base) || isReservedWord(base)) continue;
      return { name: sriovName(base), machine: undefined, from: `the directory \`${base}\` of ${input.sysfs} (no host name in the input: --host NAME gives one)` };
    }
  }
  return { name: UNNAMED_HOST, machine: undefined, from: "no host name in the input (--host NAME gives one)" };
}

/**
 * The host name in `file` under a captured root: its first line, when the file is a regular file of at most
 * 4 KiB whose real path is inside the root (a link out of a tree from a pull request reads nothing;
 * readUntrustedFile, as every input is read) and the line is a host name, so nothing else of any file is
 * ever taken.
 */
function readHostName(root: string, file: string): string | undefined {
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    return undefined;
  }
  const read = readUntrustedFile(path.join(root, file), { roots: [realRoot], maxBytes: 4096 });
  if (!read.ok) return undefined;
  const line = read.text.split(/\r?\n/, 1)[0]!.trim();
  return HOSTNAME.test(line) ? line : undefined;
}
