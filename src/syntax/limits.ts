/**
 * Limits that turn hostile or runaway input into a clear error instead of exhaustion.
 * Documented in docs/LIMITS.md; each is tested in test/syntax/bad-input.test.ts.
 */

/** Larger files are refused before lexing (a 100k-line topology is about 3 MiB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Blocks and lists deeper than this are refused before parsing: the parser is recursive descent and
 * real topologies nest at most five deep (host › nic › pf, simulation › cost, lists in calls).
 */
export const MAX_NESTING = 64;

/** Syntax errors reported per file; the rest are summarised in one "…and N more" diagnostic. */
export const MAX_SYNTAX_ERRORS_PER_FILE = 100;

/**
 * Parsing stops after this many errors in one file: error recovery costs ~0.1 ms an error, so a 10 MB
 * file of mistakes would otherwise take a minute to say what its first lines already say.
 */
export const MAX_PARSE_ERRORS_BEFORE_STOPPING = 1000;

/**
 * Diagnostics reported per file by `check` (all rules together); the rest are summarised in one
 * "…and N more" diagnostic. 200k duplicated hosts in a 10 MB file otherwise print 200k diagnostics.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** Standard input is read up to the same size as a file; more is a usage error (docs/LIMITS.md). */
export const MAX_STDIN_BYTES = MAX_FILE_BYTES;

/**
 * An import chain longer than this is refused at the import that goes too deep. Loading is iterative,
 * so this bounds the cycle messages and the work per chain, not the stack; real topologies import a few
 * levels deep.
 */
export const MAX_IMPORT_DEPTH = 256;

/** Files one run loads (entries and imports together); the import past it is refused. */
export const MAX_LOADED_FILES = 10_000;

/** A diagnostic message (or help) longer than this is cut with "…": messages quote names and tokens. */
export const MAX_MESSAGE_CHARS = 1000;

/** Characters of a bad token or name that a message quotes. */
export const MAX_QUOTED_CHARS = 64;
