/** A mistake in how sriovc was called (unknown flag, missing file, invalid config): exit 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Thrown by a command to end with a given exit code after it has printed what it had to say. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
