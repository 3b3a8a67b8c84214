/** IRs and reports of real topologies for the HTML, graph and browser tests: the samples, and hostile source text. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import type { Ir } from "../../src/lower/ir.js";
import type { CompiledProgram } from "../../src/driver/program.js";
import { checkProgram } from "../../src/driver/workspace.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import type { SimReport } from "../../src/sim/report.js";
import { simulate, withSettings } from "../../src/sim/simulate.js";
import { tempTree } from "../helpers/tmp.js";

export const SAMPLES = path.resolve(import.meta.dirname, "../../samples");

/** The program each IR of `lowerFile` came from, for `--compare`, which lowers it again per data path. */
const programs = new WeakMap<Ir, CompiledProgram>();

/** Checks and lowers one file as `sriovc compile` does; undefined when the check finds errors (samples/mistakes.sriov). */
export function lowerFile(file: string, cwd = path.dirname(file)): Ir | undefined {
  const { workspace } = loadWorkspace([file], { cwd });
  const root = path.relative(cwd, file).split(path.sep).join("/");
  const program = workspace.programs.find((p) => p.root === root);
  if (!program || program.hasSyntaxErrors) return undefined;
  const checked = checkProgram(program);
  const compiled = checked.compile();
  if (!compiled.ok) return undefined;
  programs.set(compiled.ir, checked);
  return compiled.ir;
}

export function lowerText(text: string): Ir {
  const root = tempTree({ "example.sriov": text });
  const ir = lowerFile(path.join(root, "example.sriov"));
  if (!ir) throw new Error("the topology has errors");
  return ir;
}

/** Every sample that checks cleanly, by its path under samples/. */
export function sampleIrs(): { name: string; ir: Ir }[] {
  return readdirSync(SAMPLES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".sriov"))
    .sort()
    .flatMap((name) => {
      const ir = lowerFile(path.join(SAMPLES, name), SAMPLES);
      return ir ? [{ name, ir }] : [];
    });
}

/** A short run (tests need figures, not precision), with the data-path comparison. */
export function shortReport(ir: Ir, durationNs = 4_000_000): SimReport {
  const short = withSettings(ir, { durationNs });
  const outcome = simulate(short);
  if (!outcome.ok) throw new Error(outcome.message);
  const program = programs.get(ir);
  if (program === undefined) throw new Error("shortReport takes an IR from lowerFile or lowerText");
  const rows = program.compare({ durationNs });
  if (!rows.ok) throw new Error(rows.message);
  return { ...outcome.report, comparison: rows.rows };
}

/** Text that would run as script if any renderer pasted it raw into HTML, SVG, DOT or Mermaid. */
export const HOSTILE = `</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> "quoted" 'single' & #quot; \\N {a|b} ]]> end --> \`tick\``;

/** A small topology with every data path and a hostile description on each entity that takes one. */
export function hostileTopology(): string {
  const d = JSON.stringify(HOSTILE);
  return `
host h1 {
  description = ${d}
  cores = 8
  hypervisor = kvm
  hypervisor_cores = 0..1
  iommu = true
  posted_interrupts = true
  nic x710 {
    model = "intel-x710"
    description = ${d}
    pf pf0 {
      speed = 10Gbps
      vfs = 2
      vmdq_pools = 2
      description = ${d}
    }
  }
  vswitch br0 {
    type = ovs
    uplinks = [x710.pf0]
    description = ${d}
  }
  vm web {
    vcpus = 2
    pin = 2..3
    description = ${d}
    iface eth0 {
      attach = vf(x710.pf0)
      description = ${d}
    }
    iface eth1 {
      attach = vswitch(br0)
    }
    iface eth2 {
      attach = vmdq(x710.pf0)
    }
  }
}
traffic web_in {
  to = h1.web.eth0
  rate = 200Kpps
  description = ${d}
}
traffic east_west {
  from = h1.web.eth1
  to = h1.web.eth2
  rate = 100Kpps
}
simulation {
  duration = 4ms
  warmup = 1ms
  description = ${d}
}
`;
}
