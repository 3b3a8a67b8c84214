/**
 * A name a libvirt domain can have: not empty, no line break (libvirt's domain schema, `domainName`, is
 * `[^\n]+`, and every driver's define checks it again) and no `/` (the qemu driver keeps a domain's
 * definition as `NAME.xml`, and virDomainRename refuses a `/`). A VM's `domain` is checked against it.
 */
export function isDomainName(name: string): boolean {
  return name.length > 0 && !/[\n/]/.test(name);
}
