/**
 * The NixOS releases whose facts this package has read from nixpkgs (see release-facts.ts). A
 * description targets one of them; everything that differs between releases (the Python build
 * arguments, the Isso version of `pkgs.isso`) follows it. Oldest first; the newest is the default.
 */
export const NIXOS_RELEASES = ['24.11', '25.05', '25.11'] as const;

export type NixosRelease = (typeof NIXOS_RELEASES)[number];

/** The newest release whose facts are verified: what a description without `nixosRelease` targets. */
export const DEFAULT_NIXOS_RELEASE: NixosRelease = NIXOS_RELEASES[NIXOS_RELEASES.length - 1]!;

/** True for a release name this package supports (`"25.11"`), for a CLI flag or a JSON field. */
export function isNixosRelease(value: unknown): value is NixosRelease {
  return typeof value === 'string' && (NIXOS_RELEASES as readonly string[]).includes(value);
}
