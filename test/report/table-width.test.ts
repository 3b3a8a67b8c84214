/** `simulate` tables fit the terminal: columns chosen by priority, the rest named under the table; --wide shows all. */
import { describe, expect, it } from "vitest";
import { renderTable, renderTextTable } from "../../src/report/table.js";
import type { Table } from "../../src/report/tables.js";
import { simulate } from "../../src/sim/simulate.js";
import { sriovc } from "../helpers/cli.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

const codePoints = (line: string) => [...line].length;
const widest = (text: string) => Math.max(...text.split("\n").map(codePoints));

function sampleTable(): Table {
  return {
    title: "t",
    header: ["id", "important", "useful", "extra"],
    numeric: [false, true, true, true],
    priority: [0, 1, 2, 3],
    rows: [["a-rather-long-interface-id", "1.00 Mpps", "38.1 µs", "123456789"]],
  };
}

describe("table width", () => {
  it("keeps every column without a width, and when they fit", () => {
    const all = renderTextTable(sampleTable());
    expect(all.split("\n")[1]).toBe("id                          important   useful      extra");
    expect(renderTextTable(sampleTable(), 200)).toBe(all);
  });

  it("drops the lowest-priority columns first and names them", () => {
    const text = renderTextTable(sampleTable(), 50);
    expect(text.split("\n")[1]).toBe("id                          important   useful");
    expect(text).toContain("(1 more column: extra; --wide shows them)");
    expect(widest(text)).toBeLessThanOrEqual(50);
  });

  it("shortens the ids when even the essential columns do not fit", () => {
    const table: Table = { ...sampleTable(), priority: [0, 0, 5, 5] };
    const text = renderTextTable(table, 30);
    expect(text.split("\n")[3]).toBe("a-rather-long-inte…  1.00 Mpps");
    expect(widest(text)).toBeLessThanOrEqual(30);
  });

  for (const width of [80, 100, 120]) {
    it(`a simulated report fits ${width} columns and keeps interface, path, delivered and p99`, () => {
      const outcome = simulate(fixtureIr({ path: "vswitch", ratePps: 250_000, features: ["acl"], durationNs: 2_000_000, warmupNs: 200_000 }));
      if (!outcome.ok) throw new Error(outcome.message);
      const text = renderTable(outcome.report, width);
      expect(widest(text)).toBeLessThanOrEqual(width);
      const header = text.split("\n").find((line) => line.startsWith("interface"))!;
      for (const column of ["path", "delivered", "p99", "cyc/pkt"]) expect(header).toContain(column);
      expect(widest(renderTable(outcome.report))).toBeGreaterThan(120);
    });
  }
});

describe("sriovc simulate fits the terminal", () => {
  for (const width of [80, 100, 120]) {
    it(`COLUMNS=${width}: no line is longer`, () => {
      const result = sriovc(["simulate", "samples/four-data-paths.sriov"], { env: { COLUMNS: String(width) } });
      expect(result.code).toBe(0);
      expect(widest(result.stdout)).toBeLessThanOrEqual(width);
      expect(result.stdout).toContain("--wide shows them");
    });
  }

  it("--wide shows every column; without COLUMNS and a terminal, 100", () => {
    const wide = sriovc(["simulate", "samples/four-data-paths.sriov", "--wide"], { env: { COLUMNS: "80" } });
    expect(wide.stdout).not.toContain("--wide shows them");
    expect(wide.stdout).toMatch(/^interface +path +offered +delivered +throughput +drop link/m);
    const unset = sriovc(["simulate", "samples/four-data-paths.sriov"], { env: { COLUMNS: "" } });
    expect(widest(unset.stdout)).toBeLessThanOrEqual(100);
    expect(widest(unset.stdout)).toBeGreaterThan(80);
  });
});
