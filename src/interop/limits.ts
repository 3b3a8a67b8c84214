/**
 * Limits on the files interop reads (operator YAML/JSON, libvirt XML, captured sysfs and `ip link`
 * output). They come from pull requests as often as from the user, so each limit turns hostile or
 * runaway input into one located error instead of exhaustion. Documented in docs/INTEROP.md
 * ("Security and limits"); each is tested in test/interop/hostile.test.ts.
 */
import { MAX_FILE_BYTES, MAX_NESTING } from "../syntax/limits.js";

/** As for `.sriov` files: larger inputs are refused before parsing. */
export const MAX_INTEROP_FILE_BYTES = MAX_FILE_BYTES;

/** Maps, sequences and XML elements deeper than this are refused (real objects nest about 8 deep). */
export const MAX_INTEROP_DEPTH = MAX_NESTING;

/**
 * YAML aliases resolved per document (the `yaml` package's `maxAliasCount`, whose own default is 100).
 * Operator objects use none; a "billion laughs" of aliases needs thousands.
 */
export const MAX_YAML_ALIASES = 100;

/** Nodes (map entries, sequence items, scalars, XML elements) walked per file, aliases expanded. */
export const MAX_INTEROP_NODES = 1_000_000;

/** Files under a captured sysfs tree that are read (`--sysfs DIR`). */
export const MAX_SYSFS_INTERFACES = 4096;
