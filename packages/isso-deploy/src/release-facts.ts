import type { IssoVersion } from '@nixkit/isso-config';
import type { NixosRelease } from './nixos-release.js';

// What each supported NixOS release offers to the module this package writes, read from nixpkgs
// (repo NixOS/nixpkgs, through the project's code index). Every fact names the file and the
// commit it was read at. Where the index held one version of a file, that version is named and
// the fact is the same for every release it covers; where a fact changed between releases, the
// table says which file version shows which side.

/** The facts of one release that the renderers and the tests read. */
export interface ReleaseFacts {
  /** The version `pkgs.isso` packages, which decides the isso.conf dialect of the default source. */
  readonly nixpkgsIssoVersion: IssoVersion;
  /**
   * How `buildPythonPackage` is told to build a setuptools project. `pyproject` is
   * `pyproject = true` with `build-system` and `dependencies`; a derivation with neither
   * `format` nor `pyproject` is an evaluation error where `formatRequired` is true.
   */
  readonly python: { readonly build: 'pyproject'; readonly formatRequired: boolean; readonly checkInputsArg: 'nativeCheckInputs' };
  /** `python3Packages` attributes that exist, among those this package may reference. */
  readonly pythonPackages: readonly string[];
  /** `python3Packages` attributes the 2020 article used that the release no longer has. */
  readonly removedPythonPackages: readonly string[];
  /** Options of `services.nginx.virtualHosts.<name>` and of its `locations.<path>`. */
  readonly nginxVhostOptions: readonly string[];
  readonly nginxLocationOptions: readonly string[];
  /** Options of `virtualisation.oci-containers.containers.<name>`. */
  readonly ociContainerOptions: readonly string[];
}

// python3Packages attributes, from pkgs/top-level/python-packages.nix. The article's list, plus
// passlib (Isso 0.12 under werkzeug >= 2), mistune (Isso 0.14), setuptools (PEP 517 backend),
// gunicorn and gevent (the server). All present in the releases below.
const PYTHON_PACKAGES = [
  'itsdangerous', 'jinja2', 'misaka', 'mistune', 'html5lib', 'werkzeug', 'bleach', 'flask-caching', 'cffi',
  'passlib', 'setuptools', 'gunicorn', 'gevent', 'eventlet', 'tornado', 'pytestCheckHook',
] as const;

// nose: dropped from python3Packages by NixOS/nixpkgs PR #348699 ("python3{11,12}Packages.nose:
// drop", merged 2024-10-15), before release-24.11 branched off; it is absent from 24.11 on.
const REMOVED = ['nose'] as const;

// nixos/modules/services/web-servers/nginx/vhost-options.nix @ 0050271eb3b56e41703dc6ab04a11182317dd543
// (the `http2` option, default true, and `quic`, default false, are both there; this package
// sets neither, so each release's own default applies). Only the options this package writes
// and the two per-release protocol options are listed.
const VHOST_OPTIONS = [
  'serverName', 'serverAliases', 'listen', 'enableACME', 'useACMEHost', 'acmeRoot', 'addSSL', 'onlySSL', 'forceSSL',
  'http2', 'http3', 'quic', 'root', 'extraConfig', 'locations', 'sslCertificate', 'sslCertificateKey',
] as const;

// nixos/modules/services/web-servers/nginx/location-options.nix, same tree.
const LOCATION_OPTIONS = ['proxyPass', 'proxyWebsockets', 'recommendedProxySettings', 'extraConfig', 'root', 'alias', 'return', 'tryFiles', 'index'] as const;

// nixos/modules/virtualisation/oci-containers.nix @ 035a24e7ed33009b8a503ad0b76679665b8977a8:
// image, imageFile, ports, volumes, environment and environmentFiles, the ones written here.
const OCI_OPTIONS = [
  'image', 'imageFile', 'imageStream', 'serviceName', 'login', 'cmd', 'labels', 'entrypoint', 'environment',
  'environmentFiles', 'log-driver', 'ports', 'user', 'volumes', 'workdir', 'dependsOn', 'hostname',
  'preRunExtraOptions', 'extraOptions', 'autoStart', 'podman', 'pull', 'capabilities', 'devices', 'privileged',
  'autoRemoveOnStop', 'networks',
] as const;

const ISSO_0_13 = '0.13.0' as IssoVersion;

const COMMON = {
  pythonPackages: PYTHON_PACKAGES,
  removedPythonPackages: REMOVED,
  nginxVhostOptions: VHOST_OPTIONS,
  nginxLocationOptions: LOCATION_OPTIONS,
  ociContainerOptions: OCI_OPTIONS,
};

/**
 * The facts table. `pyproject = true` (NixOS/nixpkgs PR #254136, 2023-09) with `build-system` and
 * `dependencies` is accepted by every release here, so every release is given it.
 */
export const RELEASE_FACTS: Readonly<Record<NixosRelease, ReleaseFacts>> = {
  '24.11': {
    ...COMMON,
    // pkgs/servers/isso/default.nix @ 014d882725c6ab65982a046f110b73214c0f5e1f, then
    // pkgs/by-name/is/isso/package.nix @ 349f5921726859b54622cfddbdb0bcf8e2ade258: version 0.13.0
    // (posativ/isso), format = "setuptools". 0.13.0 has no ${VAR} expansion.
    nixpkgsIssoVersion: ISSO_0_13,
    // mk-python-derivation.nix before the 2025 format migration (NixOS/nixpkgs PR #421660,
    // 2025-07-02, "add explicit format attribute") still defaulted to setuptools.
    python: { build: 'pyproject', formatRequired: false, checkInputsArg: 'nativeCheckInputs' },
  },
  '25.05': {
    ...COMMON,
    nixpkgsIssoVersion: ISSO_0_13,
    python: { build: 'pyproject', formatRequired: false, checkInputsArg: 'nativeCheckInputs' },
  },
  '25.11': {
    ...COMMON,
    // Still 0.13.0: the bump to 0.14.0 (pkgs/by-name/is/isso/package.nix @
    // 02d562cc47ca848a2c809608906662a5a17f3d2f, isso-comments/isso, mistune added) is
    // NixOS/nixpkgs PR #504778 "isso: 0.13.0 -> 0.14.0", opened 2026-03-29, after release-25.11
    // branched off (November 2025). So no supported release's pkgs.isso expands ${VAR}.
    nixpkgsIssoVersion: ISSO_0_13,
    // pkgs/development/interpreters/python/mk-python-derivation.nix (the index's newest stored
    // version, id 56259249241): without `format` or `pyproject` it throws "does not configure a
    // `format`. To build with setuptools as before, set `pyproject = true` and `build-system = [ setuptools ]`".
    python: { build: 'pyproject', formatRequired: true, checkInputsArg: 'nativeCheckInputs' },
  },
};

/** The facts of one release. */
export function releaseFacts(release: NixosRelease): ReleaseFacts {
  return RELEASE_FACTS[release];
}
