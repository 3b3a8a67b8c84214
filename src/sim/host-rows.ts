/**
 * How many rows each host has in each list of a part's report (`hostRows` of a partial report,
 * schema/partial-report.schema.json): a shard writes them with its parts, and `merge` counts the rows again
 * and refuses a partial whose counts differ. An interface without traffic has no row, so the rows' places
 * alone cannot tell a lost row from an idle interface; the counts can. Its own module, like row-places.ts,
 * so that `merge` checks a partial without loading the simulator.
 */
import { hostOfId } from "../domain/entity-id.js";
import type { HostRows, SimReport } from "./report-shape.js";

type Counted = Exclude<keyof HostRows, "host">;

/** Each list of a report that holds hosts' rows: its key in `HostRows`, its path in the report, its rows' hosts, its row in words. */
export const HOST_ROW_LISTS: readonly { readonly key: Counted; readonly path: string; readonly hosts: (report: SimReport) => readonly string[]; readonly noun: string }[] = [
  { key: "interfaces", path: "report/interfaces", hosts: (r) => r.interfaces.map((row) => hostOfId(row.id)), noun: "interface row" },
  { key: "analyticInterfaces", path: "report/analytic/interfaces", hosts: (r) => r.analytic.interfaces.map((row) => hostOfId(row.id)), noun: "estimated interface row" },
  { key: "cores", path: "report/cores", hosts: (r) => r.cores.map((row) => row.host), noun: "core row" },
  { key: "queues", path: "report/queues", hosts: (r) => r.queues.map((row) => row.host), noun: "queue row" },
  { key: "analyticCores", path: "report/analytic/cores", hosts: (r) => r.analytic.cores.map((row) => row.host), noun: "estimated core row" },
  { key: "analyticQueues", path: "report/analytic/queues", hosts: (r) => r.analytic.queues.map((row) => row.host), noun: "estimated queue row" },
];

/** The rows of each host of `hosts` (in that order, a host without rows too) and of any other host the report has rows of, after them. */
export function countHostRows(report: SimReport, hosts: readonly string[]): HostRows[] {
  const byHost = new Map<string, HostRows>();
  const entry = (host: string): HostRows => {
    let counts = byHost.get(host);
    if (counts === undefined) {
      counts = { host, interfaces: 0, analyticInterfaces: 0, cores: 0, queues: 0, analyticCores: 0, analyticQueues: 0 };
      byHost.set(host, counts);
    }
    return counts;
  };
  for (const host of hosts) entry(host);
  for (const list of HOST_ROW_LISTS) for (const host of list.hosts(report)) entry(host)[list.key]++;
  return [...byHost.values()];
}
