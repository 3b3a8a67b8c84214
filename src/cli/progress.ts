/**
 * The simulation's progress bar (progress goes to standard error, and only to a TTY), shown only
 * once a run has taken a second so quick runs print nothing. Hand-written: one line redrawn with `\r`
 * needs no dependency.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  onProgress(fraction: number): void;
  done(): void;
}

const WIDTH = 30;
const DELAY_MS = 1000;

export function progressReporter(stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress {
  const started = now();
  let shown = false;
  return {
    onProgress(fraction) {
      if (stream.isTTY !== true || now() - started < DELAY_MS) return;
      shown = true;
      const filled = Math.max(0, Math.min(WIDTH, Math.round(fraction * WIDTH)));
      stream.write(`\rsimulating [${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${Math.round(fraction * 100)}%`);
    },
    done() {
      // Clear the bar's line so the report (or the shell prompt) starts clean.
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
