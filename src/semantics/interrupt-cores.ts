/**
 * Which cores take a host's device interrupts, and which cores a host's own interface runs on: decided
 * here once, for lowering (src/lower/lower.ts places the queues and interfaces) and for the rules that
 * count those cores (queues-exceed-cores).
 *
 * `hypervisor_cores` names the cores that take the host's device interrupts on either kind of host:
 * - on a hypervisor host, the cores the hypervisor (the host kernel) keeps for itself;
 * - on a bare-metal host (`hypervisor = none`), its housekeeping cores: the kernel is booted with
 *   `irqaffinity=<those cores>` and `isolcpus=managed_irq,<the others>`. `irqaffinity=` sets the default
 *   affinity every device interrupt gets when it is requested (Linux
 *   Documentation/admin-guide/kernel-parameters.txt, `irqaffinity=`; /proc/irq/default_smp_affinity in
 *   Documentation/core-api/irq/irq-affinity.rst), and `managed_irq` steers the multi-queue drivers'
 *   kernel-managed queue interrupts to the housekeeping cores of their masks (kernel-parameters.txt,
 *   `isolcpus=`, flag `managed_irq`). Left out it is `0..0`, as on a hypervisor host: one housekeeping core.
 */
import type { Host } from "./model.js";
import type { IfaceDriver } from "../domain/enums.js";

/** The cores that take the host's device interrupts (`hypervisor_cores`, the ones the host has), in order. */
export function interruptCores(host: Pick<Host, "cores" | "hypervisorCores">): number[] {
  return host.hypervisorCores.filter((c) => c < host.cores);
}

/**
 * The cores a host's own interface (`pf(...)`, or `vf(...)` with the host's driver) is served on, its
 * queues spread over them. With the kernel's driver, the cores that take its interrupts: its NAPI polls
 * run where its interrupt was taken. With DPDK on a bare-metal host, any of the host's cores: a poll-mode
 * driver takes no interrupts, and its polling threads run on the cores the application is given (the
 * language has no `pin` for a host's own interface). On a hypervisor host the host's own stack, DPDK or
 * not, lives on the hypervisor's cores.
 */
export function ownIfaceCores(host: Pick<Host, "cores" | "hypervisorCores" | "hypervisor">, driver: IfaceDriver): number[] {
  if (host.hypervisor === "none" && driver === "dpdk") return Array.from({ length: Math.max(1, host.cores) }, (_, c) => c);
  return interruptCores(host);
}
