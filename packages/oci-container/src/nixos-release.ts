import { OciContainerError } from './errors.js';

/**
 * NixOS releases whose `virtualisation.oci-containers` shape this package knows. `unstable`
 * follows the newest known release.
 */
export type NixosRelease =
  | '20.09' | '21.05' | '21.11' | '22.05' | '22.11' | '23.05' | '23.11' | '24.05' | '24.11' | '25.05' | '25.11' | 'unstable';

export const NIXOS_RELEASES: readonly NixosRelease[] = [
  '20.09', '21.05', '21.11', '22.05', '22.11', '23.05', '23.11', '24.05', '24.11', '25.05', '25.11', 'unstable',
];

/** The release renderers assume when the caller names none. */
export const DEFAULT_NIXOS_RELEASE: NixosRelease = '25.11';

/** The first release with each module feature (from the nixpkgs history in the package README). */
const FIRST_RELEASE = {
  environmentFiles: '21.05',
  podmanNotify: '22.11',
  labels: '23.11',
  hostname: '23.11',
  escapeWhenNeeded: '24.11',
  imageStream: '24.11',
  preRunExtraOptions: '24.11',
  pull: '25.05',
  networks: '25.05',
  runtimeDirectoryCidfile: '25.05',
} as const satisfies Record<string, NixosRelease>;

export type NixosFeature = keyof typeof FIRST_RELEASE;

function rank(release: NixosRelease): number {
  return NIXOS_RELEASES.indexOf(release);
}

export function checkRelease(release: unknown): NixosRelease {
  if (!(NIXOS_RELEASES as readonly unknown[]).includes(release)) {
    throw new OciContainerError('unknown NixOS release', { path: ['nixosRelease'], value: release, accepted: NIXOS_RELEASES.join(', ') });
  }
  return release as NixosRelease;
}

/** True when `release` has `feature`. */
export function hasFeature(release: NixosRelease, feature: NixosFeature): boolean {
  return rank(release) >= rank(FIRST_RELEASE[feature]);
}

/** Throws, naming the field, when the container uses an option `release` does not have. */
export function requireFeature(release: NixosRelease, feature: NixosFeature, path: readonly (string | number)[], value: unknown): void {
  if (!hasFeature(release, feature)) {
    throw new OciContainerError(
      `is not an option of virtualisation.oci-containers in NixOS ${release} (it arrived in ${FIRST_RELEASE[feature]}); pick a newer nixosRelease or express it through extraOptions yourself`,
      { path, value, accepted: `NixOS ≥ ${FIRST_RELEASE[feature]}` },
    );
  }
}
