// The bounds of a run's settings: the command line's, the API's and the IR schema's are one set.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_DURATION_NS, MAX_EVENT_BUDGET, readDuration, readEventBudget, runSettingsProblem } from "../../src/sim/run-args.js";
import { REPO } from "../helpers/cli.js";

const simulation = (JSON.parse(readFileSync(path.join(REPO, "schema/ir.schema.json"), "utf8")) as { properties: { simulation: { properties: Record<string, { maximum?: number }> } } }).properties.simulation.properties;

describe("the event budget's bound", () => {
  it("is the IR schema's too, so an IR file and a partial report take what --event-budget takes", () => {
    expect(simulation["eventBudget"]!.maximum).toBe(MAX_EVENT_BUDGET);
    expect(simulation["durationNs"]!.maximum).toBe(MAX_DURATION_NS);
  });

  it("holds a fleet of tens of thousands of hosts (docs/SCALE.md): 10^11 events pass, one more than the bound does not", () => {
    expect(readEventBudget("100000000000")).toEqual({ ok: true, events: 100_000_000_000 });
    expect(readEventBudget(String(MAX_EVENT_BUDGET))).toEqual({ ok: true, events: MAX_EVENT_BUDGET });
    expect(readEventBudget(String(MAX_EVENT_BUDGET + 1))).toEqual({ ok: false, message: "--event-budget 1000000000001 is too large: at most 1,000,000,000,000" });
    expect(runSettingsProblem({ eventBudget: MAX_EVENT_BUDGET })).toBeUndefined();
    expect(runSettingsProblem({ eventBudget: MAX_EVENT_BUDGET + 1 })).toBe("eventBudget 1000000000001 is not a whole number from 1 to 1,000,000,000,000");
  });
});

describe("--duration", () => {
  it("reads the units a report prints durations in, µs (micro sign or Greek mu) too, as the language does", () => {
    expect(readDuration("500us")).toEqual({ ok: true, ns: 500_000 });
    expect(readDuration("500\u00b5s")).toEqual({ ok: true, ns: 500_000 });
    expect(readDuration("500\u03bcs")).toEqual({ ok: true, ns: 500_000 });
    expect(readDuration("2.5ms")).toEqual({ ok: true, ns: 2_500_000 });
    expect(readDuration("5ks")).toEqual({ ok: false, message: "--duration expects a duration such as 100ms, 2s or 500us, got '5ks'" });
  });
});
