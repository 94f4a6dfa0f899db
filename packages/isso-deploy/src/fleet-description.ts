import type { HiveDeployment } from '@nixkit/colmena-hive';
import type { IssoDeployment, ResolvedDeployment } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import type { FieldPath } from './errors.js';

// A fleet: several NixOS hosts, each with zero or more Isso sites, deployed with Colmena.

/** Where the operator keeps a site's secret environment file: read locally by Colmena at deploy time. */
export type SecretKeySource = { keyFile: string } | { keyCommand: string[] };

/**
 * One site of a host: a deployment description, exactly what `render --config` takes (its `mode`
 * says how it runs, default `container`), plus where Colmena reads its secret.
 */
export type FleetSiteDescription = IssoDeployment & {
  /**
   * The operator's copy of `secrets.environmentFile`, uploaded by Colmena as
   * `deployment.keys.<file name>` into the file's directory.
   */
  secretKey?: SecretKeySource;
};

/** One host: Colmena's connection options, and its sites. */
export interface FleetHostDescription {
  targetHost?: string | null;
  targetPort?: number | null;
  targetUser?: string | null;
  tags?: string[];
  buildOnTarget?: boolean;
  allowLocalDeployment?: boolean;
  isso?: FleetSiteDescription[];
}

/** The fleet file: hosts by node name. */
export interface FleetDescription {
  hosts: Record<string, FleetHostDescription>;
}

/** A site after validation, with the facts the fleet checks and renders need. */
export interface FleetSite {
  host: string;
  /** Its place in the fleet file, `['hosts', 'web1', 'isso', 0]`, for error messages. */
  path: FieldPath;
  /** The module's file name without `.nix` (the domain): `hosts/<host>/<name>.nix`. */
  name: string;
  /** The description's `mode`, or `container` when it has none. */
  mode: DeploymentMode;
  /** The deployment description alone (its `mode` included), as `renderNixosModule` and `checkStatus` take it. */
  description: Record<string, unknown>;
  deployment: ResolvedDeployment;
  /** The systemd unit on the host that runs it (`podman-isso.service`, `container@isso.service`). */
  unit: string;
  secretKey: SecretKeySource | null;
}

/** A host after validation. */
export interface FleetHost {
  name: string;
  /** Colmena's deployment options for the node (keys are added by the renderer). */
  deployment: HiveDeployment;
  sites: FleetSite[];
}

export interface Fleet {
  hosts: FleetHost[];
}
