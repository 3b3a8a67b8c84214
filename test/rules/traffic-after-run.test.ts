import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (traffic: string, simulation = "") => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 1 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
}

traffic t {
  to = h1.web.eth0
  rate = 1Mpps
${traffic}
}
${simulation}`;

describe("traffic-after-run", () => {
  it("reports a start after the default 100ms run", () => {
    const text = topology("  start = 200ms");
    expect(findingsOf("traffic-after-run", text)).toEqual([
      {
        ...at(text, "200ms"),
        message: "traffic t starts at 200ms, but the simulation ends at 100ms (the default `duration`): it sends nothing",
        help: "start it before 100ms, or make the simulation longer: `simulation { duration = 400ms }`",
      },
    ]);
  });

  it("reports a start at exactly the end of a written duration", () => {
    const text = topology("  start = 20ms", "\nsimulation {\n  duration = 20ms\n}\n");
    expect(findingsOf("traffic-after-run", text).map((f) => f.message)).toEqual([
      "traffic t starts at 20ms, but the simulation ends at 20ms (`duration`): it sends nothing",
    ]);
  });

  it("is quiet when the traffic starts inside the run", () => {
    expect(findingsOf("traffic-after-run", topology("  start = 50ms"))).toEqual([]);
  });

  it("reports traffic that stops before the default warm-up ends: nothing it sends is measured", () => {
    const text = topology("  stop = 5ms");
    expect(findingsOf("traffic-after-run", text)).toEqual([
      {
        ...at(text, "5ms"),
        message: "traffic t stops at 5ms, but the warm-up lasts until 10ms (the default `warmup`, 10% of `duration`): nothing it sends is measured",
        help: "stop it after 10ms, or shorten the warm-up: `simulation { warmup = 2.5ms }`",
      },
    ]);
  });

  it("reports a stop at exactly the end of a written warm-up, and is quiet for one after it", () => {
    const text = topology("  stop = 20ms", "\nsimulation {\n  duration = 200ms\n  warmup = 20ms\n}\n");
    expect(findingsOf("traffic-after-run", text).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      "15:10 traffic t stops at 20ms, but the warm-up lasts until 20ms (`warmup`): nothing it sends is measured",
    ]);
    expect(findingsOf("traffic-after-run", topology("  stop = 21ms", "\nsimulation {\n  duration = 200ms\n  warmup = 20ms\n}\n"))).toEqual([]);
  });
});

describe("traffic-after-run on replicated traffic", () => {
  // One finding for the copies (diagnostics/group.ts): the clause after the colon speaks of them all.
  const copies = (attr: string) => topology("").replace("traffic t {", "traffic t[1..3] {").replace("rate = 1Mpps\n", `rate = 1Mpps\n  ${attr}`);

  it("says the copies send nothing", () => {
    const text = copies("start = 200ms");
    expect(findingsOf("traffic-after-run", text)).toEqual([
      {
        ...at(text, "200ms"),
        message: "traffic t1..t3 start at 200ms, but the simulation ends at 100ms (the default `duration`): they send nothing",
        help: "start them before 100ms, or make the simulation longer: `simulation { duration = 400ms }`",
      },
    ]);
  });

  it("says nothing the copies send is measured", () => {
    expect(findingsOf("traffic-after-run", copies("stop = 5ms")).map((f) => [f.message, f.help])).toEqual([
      [
        "traffic t1..t3 stop at 5ms, but the warm-up lasts until 10ms (the default `warmup`, 10% of `duration`): nothing they send is measured",
        "stop them after 10ms, or shorten the warm-up: `simulation { warmup = 2.5ms }`",
      ],
    ]);
  });
});
