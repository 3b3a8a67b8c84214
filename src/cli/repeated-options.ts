/**
 * Options given more than once. Commander keeps the last value of an option that takes one, so
 * `check --format json --format sarif` printed SARIF to a job that parses JSON; such a repetition is a
 * usage error here, for every command. An option is repeatable only where its definition says so.
 */
import type { Command, Option } from "commander";
import { UsageError } from "./errors.js";

const REPEATABLE = new WeakSet<Option>();

/** Marks an option whose every use counts (`--what-if a=x --what-if b=y`); returns it, for `addOption`. */
export function repeatable(option: Option): Option {
  REPEATABLE.add(option);
  return option;
}

/**
 * Refuses a second value for each option of `command` that takes a value and is not repeatable. A flag
 * given twice says the same thing twice, so it stays allowed (and `--color`/`--no-color`, one option
 * in commander, keeps its last word, as an alias adding `--color` expects).
 */
export function refuseRepeatedValues(command: Command): void {
  for (const option of command.options) {
    if (REPEATABLE.has(option) || !(option.required || option.optional)) continue;
    let first: string | undefined;
    command.on(`option:${option.name()}`, (value: string | undefined) => {
      if (first === undefined) {
        first = value ?? "";
        return;
      }
      throw new UsageError(`option '${option.flags}' was given twice ('${first}', then '${value ?? ""}'): it takes one value`);
    });
  }
}
