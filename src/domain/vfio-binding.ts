/**
 * Whether an interface's device (a VF, or a whole PF) is bound to vfio-pci on its host, decided here for
 * the rules, lowering and the emitters alike. A VF passed through to a VM is, whatever the guest runs. A
 * device that DPDK drives outside a VM (`driver = dpdk` in a container or on the host) is too, except on a
 * NIC whose DPDK runs on the kernel driver (mlx5's bifurcated model, the catalogue's `dpdkBifurcated`):
 * there it keeps its netdev, and so its kernel interface name, and needs no IOMMU.
 */
export function boundToVfio(inVm: boolean, dpdk: boolean, dpdkBifurcated: boolean): boolean {
  return inVm || (dpdk && !dpdkBifurcated);
}
