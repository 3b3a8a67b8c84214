/**
 * Limits on the files interop reads (operator YAML/JSON, libvirt XML, captured sysfs and `ip link`
 * output). They come from pull requests as often as from the user, so each limit turns hostile or
 * runaway input into one located error instead of exhaustion. Documented in docs/INTEROP.md
 * ("Security"); each is tested in test/interop/hostile.test.ts.
 */
import { MAX_NESTING } from "../syntax/limits.js";

/**
 * Larger inputs are refused before parsing. Lower than the 64 MiB of `.sriov` files: the `yaml` package
 * reads about 10–20 µs per value here (measured: 200,000 values in 2.2–3.5 s), so 16 MiB bounds a
 * hostile file to tens of seconds, while a node-state dump of 1,000 nodes is about 10 MiB (estimate).
 */
export const MAX_INTEROP_FILE_BYTES = 16 * 1024 * 1024;

/** Maps, sequences and XML elements deeper than this are refused (real objects nest about 8 deep). */
export const MAX_INTEROP_DEPTH = MAX_NESTING;

/**
 * YAML aliases resolved per document (the `yaml` package's `maxAliasCount`, whose own default is 100).
 * Operator objects use none; a "billion laughs" of aliases needs thousands.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * Values (map entries, sequence items, scalars) per YAML document and elements per XML file, aliases
 * expanded. A node state of 20 PFs with 128 VFs each holds about 25,000 (estimate).
 */
export const MAX_INTEROP_NODES = 250_000;

/** Files under a captured sysfs tree that are read (`--sysfs DIR`). */
export const MAX_SYSFS_INTERFACES = 4096;
