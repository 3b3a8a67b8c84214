/**
 * A host's core count when its `cores` is left out (LANGUAGE.md), in one place for the resolver, the
 * attribute table the docs are made from, and the libvirt import, which writes it when domains do not say.
 */
export const DEFAULT_HOST_CORES = 16;
