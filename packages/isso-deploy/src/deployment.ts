import type { IssoConfig, IssoVersion } from '@nixkit/isso-config';
import type { DeploymentMode } from './deployment-mode.js';
import type { NixosContainerOptions, ResolvedNixosContainer } from './nixos-container-options.js';
import type { NixosRelease } from './nixos-release.js';

// The typed description of one Isso deployment. `IssoDeployment` is what a caller writes (every
// field but `domain` and `acmeEmail` optional); `ResolvedDeployment` is the same with every default
// filled in, which is what the renderers read.

/** Where Isso's Python source comes from. */
export type IssoSource =
  | {
      /** The nixpkgs `isso` application, made importable with `toPythonModule` (the default). */
      kind: 'nixpkgs';
      /**
       * The Isso version of that package; it is the release's own (see `nixosRelease`), so giving
       * a different one is an error.
       */
      issoVersion?: string;
    }
  | {
      /** `pkgs.fetchFromGitHub`: a fork or a commit of Isso. */
      kind: 'github';
      owner: string;
      repo: string;
      /** A commit (40 hex digits) or a release tag; a branch needs `allowMovingRev`. */
      rev: string;
      /** An SRI hash (`sha256-…`, emitted as `hash`) or a base-32 sha256 (emitted as `sha256`). */
      hash: string;
      /** The derivation's `version` attribute (the article uses `"custom"`). */
      version?: string;
      /**
       * The upstream Isso release this source corresponds to: it decides the Python dependencies
       * and what the config may use (`${VAR}` expansion needs 0.14.0). Needed unless `rev` is a
       * release tag such as `"0.13.0"`.
       */
      issoVersion?: string;
      /**
       * Accept a branch as `rev`. The fixed hash then breaks as soon as the branch moves, so this
       * is for reproducing a pinned state only.
       */
      allowMovingRev?: boolean;
    }
  | {
      /** `pkgs.python3Packages.fetchPypi`: an Isso release from PyPI (its sdist has the built JS). */
      kind: 'pypi';
      /** The release, such as `"0.13.0"`; it is also the Isso version. */
      version: string;
      /** The sdist's SRI hash (`sha256-…`). */
      hash: string;
    };

/** A named set of defaults. `article-2020` is the reference article's exact 2020 expression. */
export type Preset = 'article-2020';

/** The Python build inputs of the `buildPythonPackage` derivation (names in `python3Packages`). */
export interface PythonDeps {
  /** `propagatedBuildInputs`. */
  dependencies?: string[];
  /** `buildInputs`. */
  buildDependencies?: string[];
  /** Test inputs and the `setup.py` command run in `checkPhase`; `null` disables the check. */
  check?: { inputs: string[]; setupPyCommand: string } | null;
  /** Extra libraries of the Python environment next to Isso (gunicorn and its worker class). */
  environment?: string[];
}

/** The gunicorn command line that serves `isso.run`. */
export interface GunicornOptions {
  name?: string;
  workers?: number;
  workerClass?: 'sync' | 'gevent' | 'eventlet' | 'gthread' | 'tornado';
  /** Address inside the container (native mode always binds 127.0.0.1). */
  bindAddress?: string;
  preload?: boolean;
  /** `--worker-tmp-dir`; `null` leaves gunicorn's default. */
  workerTmpDir?: string | null;
  /** The WSGI application (`isso.run`, or `isso.dispatch` for several sites). */
  app?: string;
}

/** The OCI image built by `dockerTools.buildImage`. */
export interface ImageOptions {
  name?: string;
  tag?: string;
}

/** The host directory that holds the SQLite database, and where the container sees it. */
export interface DbVolume {
  hostPath?: string;
  containerPath?: string;
}

/** An nginx `access_log` with a named `log_format`. */
export interface AccessLog {
  path: string;
  format: string;
}

/** The nginx virtual host in front of Isso. */
export interface NginxOptions {
  /** Extra server names (they also become ACME `extraDomainNames`). */
  aliases?: string[];
  /** The vhost `root`; the article sets `/data/webserver/<domain>`. `null` omits it. */
  root?: string | null;
  /**
   * The nginx version the plain server block (for hosts without NixOS) is written for; it
   * decides how HTTP/2 is switched on. Default 1.22.1 (Debian 12).
   */
  version?: string;
  /** `null` keeps nginx's default log. */
  accessLog?: AccessLog | null;
  /**
   * Definitions of log formats the access log uses, emitted into the http block. The article
   * uses `anonymous`, which this package defines (client address dropped) unless given here.
   */
  logFormats?: Record<string, string>;
  /** Drop cookies set by Isso on the way out, as the article does. */
  hideCookies?: boolean;
}

/** Secrets, by reference only: the file lives on the host, outside the Nix store. */
export interface SecretRefs {
  /** An environment file on the host (e.g. `/run/secrets/isso.env`), read by systemd. */
  environmentFile: string;
  /** Name of the variable in that file holding `[smtp] password`. */
  smtpPassword?: string;
  /** Name of the variable in that file holding `[admin] password`. */
  adminPassword?: string;
  /** Name of the variable in that file holding `[smtp] username`. */
  smtpUsername?: string;
  /** Name of the variable in that file holding `[hash] salt`. */
  hashSalt?: string;
}

export type Backend = 'podman' | 'docker';

/** The description a caller writes. Only `domain` and `acmeEmail` are required. */
export interface IssoDeployment {
  /** A JSON Schema reference for editors (`"$schema": "…/schema.json"`); ignored. */
  $schema?: string;
  /** The NixOS release the module is written for; default the newest supported one. */
  nixosRelease?: NixosRelease;
  /**
   * `article-2020` reproduces the reference article exactly (its fork on a moving branch, its
   * 2020 build recipe). That recipe does not build on NixOS 24.11 or later.
   */
  preset?: Preset;
  /** Open TCP 80 and 443 in the NixOS firewall for nginx (default true). */
  openFirewall?: boolean;
  /** The name Isso is served under (`comments.example.org`). */
  domain: string;
  /** Address the ACME account registers with. */
  acmeEmail: string;
  /** Accept the CA's terms of service (`security.acme.acceptTerms`). Never defaulted to true. */
  acmeAcceptTerms?: boolean;
  /** The websites allowed to embed the comments (Isso `[general] host`). */
  sites?: string[];
  /** Port gunicorn listens on, published on 127.0.0.1 only. */
  port?: number;
  source?: IssoSource;
  python?: PythonDeps;
  /**
   * Isso settings by section, as typed by @nixkit/isso-config. `[general] dbpath` and `host`
   * are derived (from the mode and `sites`) unless given; passwords only as `{ env: NAME }`.
   */
  settings?: IssoConfig;
  gunicorn?: GunicornOptions;
  image?: ImageOptions;
  backend?: Backend;
  /** The oci-containers attribute name; the systemd unit is `<backend>-<name>.service`. */
  containerName?: string;
  dbVolume?: DbVolume;
  nginx?: NginxOptions;
  secrets?: SecretRefs;
  /** How Isso runs, so commands need no `--mode`; a different mode asked for is an error. */
  mode?: DeploymentMode;
  /** The NixOS container of the `nixos-container` mode (name, address pair, nspawn flags). */
  nixosContainer?: NixosContainerOptions;
}

/** A description with every default applied; the renderers read only this. */
export interface ResolvedDeployment {
  nixosRelease: NixosRelease;
  preset: Preset | null;
  openFirewall: boolean;
  domain: string;
  acmeEmail: string;
  acmeAcceptTerms: boolean;
  sites: string[];
  port: number;
  source:
    | (Required<Omit<Extract<IssoSource, { kind: 'github' }>, 'issoVersion'>> & { issoVersion: IssoVersion })
    | { kind: 'nixpkgs'; issoVersion: IssoVersion }
    | { kind: 'pypi'; version: string; hash: string; issoVersion: IssoVersion };
  python: {
    dependencies: string[];
    buildDependencies: string[];
    check: { inputs: string[]; setupPyCommand: string } | null;
    environment: string[];
  };
  /** The caller's settings after @nixkit/isso-config validation. */
  settings: IssoConfig;
  gunicorn: Required<GunicornOptions>;
  image: Required<ImageOptions>;
  backend: Backend;
  containerName: string;
  dbVolume: Required<DbVolume>;
  nginx: {
    aliases: string[];
    root: string | null;
    version: string;
    accessLog: AccessLog | null;
    logFormats: Record<string, string>;
    hideCookies: boolean;
  };
  secrets: SecretRefs | null;
  /** The description's own `mode`, or null: the renderers and check-status follow it. */
  mode: DeploymentMode | null;
  nixosContainer: ResolvedNixosContainer;
  /** What resolving changed or noticed (a lower-cased domain), for the renderers' warnings. */
  notes: string[];
}
