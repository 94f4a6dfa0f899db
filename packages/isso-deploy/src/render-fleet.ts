import { toHive, toHiveFlake, type Hive, type HiveKey, type NixosModule } from '@nixkit/colmena-hive';
import { attrs, bind, comment, list, print, str, type NixExpr } from '@nixkit/nix-expr';
import { IssoDeploymentError } from './errors.js';
import type { Fleet, FleetHost, FleetSite } from './fleet-description.js';
import { CLAIM_SOURCES, checkFleetClashes, type ClaimSource } from './fleet-claims.js';
import { hostHttpModule, withoutHttpConfig } from './fleet-http-config.js';
import { readFleet } from './read-fleet.js';
import { renderDeployment } from './render-deployment.js';

/** Options of `renderFleet`. */
export interface FleetRenderOptions {
  /** Also write flake.nix (`outputs.colmenaHive = colmena.lib.makeHive { … }`). */
  flake?: boolean;
  /** The flake's nixpkgs input (default `github:NixOS/nixpkgs/nixos-unstable`). */
  nixpkgsUrl?: string;
  /** The system the flake imports nixpkgs for (default `x86_64-linux`). */
  system?: string;
  /** What sites claim, for the clash check; default `CLAIM_SOURCES`. */
  claimSources?: readonly ClaimSource[];
}

/** One file of the rendered fleet, its path relative to the output directory. */
export interface FleetFile {
  path: string;
  text: string;
  description: string;
}

/** Everything `renderFleet` produced. */
export interface FleetRenderResult {
  files: FleetFile[];
  /** Per site, prefixed with the host and domain; also comments at the top of the files. */
  warnings: string[];
  /** The validated fleet, for callers that go on (fleet-status). */
  fleet: Fleet;
}

/** Where the file of a site lives, relative to hive.nix. */
export function siteModulePath(site: FleetSite): string {
  return `hosts/${site.host}/${site.name}.nix`;
}

/** The host's http-level nginx module; a domain cannot contain `_`, so no site file can be called this. */
export function hostHttpModulePath(host: string): string {
  return `hosts/${host}/_nginx-http.nix`;
}

/** The Colmena key a site's environment file becomes: its file name, uploaded into its directory. */
export function siteKey(site: FleetSite): { name: string; key: HiveKey } | null {
  const file = site.deployment.secrets?.environmentFile;
  if (file === undefined || site.secretKey === null) return null;
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  const destDir = slash === 0 ? '/' : file.slice(0, slash);
  if (!/^(?!\.{1,2}$)[A-Za-z0-9_.:-]+$/.test(name)) {
    throw new IssoDeploymentError(`the file name "${name}" becomes the Colmena key and its unit "${name}-key.service"; use a name of [A-Za-z0-9_.:-]`, {
      path: [...site.path, 'secrets', 'environmentFile'], value: file,
    });
  }
  // root:root 0600 (Colmena's defaults): systemd reads EnvironmentFile= as root before the
  // service's own user exists, and podman reads --env-file as root.
  return { name, key: { ...site.secretKey, destDir } };
}

/** The single-host module tells the reader to import it from configuration.nix; here the hive does. */
function forTheHive(moduleText: string): string {
  return moduleText.replace(/^# Import it from configuration\.nix: imports = \[ \.\/isso\.nix \];$/m, '# Imported by the Colmena hive (hive.nix), with the host\'s nginx log formats from _nginx-http.nix.');
}

/**
 * The unit waits for the key: Colmena's `<name>-key.service` is active while the key file exists
 * (manual/src/features/keys.md, "Key Services", zhaofengli/colmena at 2b281286d00a).
 *
 * A NixOS container binds to it instead, and is wanted by it. Colmena uploads a key by writing
 * `<file>.tmp` and renaming it over the file (src/nix/host/key_uploader.template.sh at
 * 7b69946d98fa), and the key service exits when the old file goes (`inotifywait -e delete_self`,
 * src/nix/hive/modules.nix at 00f17cb8c35b). A rename over a file that another mount namespace
 * has bind-mounted detaches that mount (Linux since 3.18), so a running container would keep an
 * empty mount point where the key was, and Isso would lose its secrets at its next restart.
 * `bindsTo` stops the container when the key service goes; `wantedBy` starts it again when the
 * key's path unit starts the key service for the new file, which nspawn then mounts afresh. The
 * same holds at boot, when /run/keys is empty until Colmena uploads the keys. NixOS's options
 * `bindsTo`, `after`, `wantedBy`, `requires`: nixos/lib/systemd-unit-options.nix at 515c8fb59bc1.
 */
function keyWiring(site: FleetSite, keyName: string): NixExpr {
  const unit = site.unit.replace(/\.service$/, '');
  const keyUnit = str(`${keyName}-key.service`);
  if (site.mode === 'nixos-container') {
    return comment(attrs([
      bind(['systemd', 'services', unit, 'bindsTo'], list([keyUnit])),
      bind(['systemd', 'services', unit, 'after'], list([keyUnit])),
      bind(['systemd', 'services', unit, 'wantedBy'], list([keyUnit])),
    ]), `${keyName} arrives as a Colmena key (deployment.keys), bind-mounted into the container; ${site.unit} waits for it, and restarts with a new one.`);
  }
  return comment(attrs([
    bind(['systemd', 'services', unit, 'requires'], list([keyUnit])),
    bind(['systemd', 'services', unit, 'after'], list([keyUnit])),
  ]), `${keyName} arrives as a Colmena key (deployment.keys); ${site.unit} waits for it.`);
}

function hostNode(host: FleetHost, files: FleetFile[], warnings: string[], flake: boolean): Hive['nodes'][string] {
  const modules: NixosModule[] = [];
  const keys: Record<string, HiveKey> = {};
  const header = (what: string) => [`${what}, generated by @nixkit/isso-deploy for host ${host.name}.`, 'Imported by the hive (hive.nix); do not import it on its own.'];
  const http = hostHttpModule(host.sites.map((s) => s.deployment), header('The nginx log formats of every Isso site of this host, defined once'));
  if (http !== null) {
    files.push({ path: hostHttpModulePath(host.name), text: print(http), description: `nginx log formats shared by the sites of ${host.name}` });
    modules.push(`./${hostHttpModulePath(host.name)}`);
  }
  for (const site of host.sites) {
    const rendered = renderDeployment(site.deployment, { mode: site.mode });
    const siteWarnings = rendered.warnings.map((w) => `${host.name} ${site.name}: ${w}`);
    const key = siteKey(site);
    if (key === null && site.deployment.secrets !== null) {
      siteWarnings.push(`${host.name} ${site.name}: ${site.deployment.secrets.environmentFile} is not delivered by Colmena; put it on the host yourself, or add "secretKey": {"keyFile": …} or {"keyCommand": […]}`);
    }
    if (key !== null && flake && key.key.keyFile !== undefined && !key.key.keyFile.startsWith('/')) {
      throw new IssoDeploymentError('is relative, and a flake copies the files it refers to into the world-readable Nix store; give an absolute path or a keyCommand', {
        path: [...site.path, 'secretKey', 'keyFile'], value: key.key.keyFile,
      });
    }
    warnings.push(...siteWarnings);
    files.push({ path: siteModulePath(site), text: forTheHive(withoutHttpConfig(rendered.module)), description: `${site.mode} module for ${site.name} on ${host.name}` });
    modules.push(`./${siteModulePath(site)}`);
    if (key !== null) {
      keys[key.name] = key.key;
      modules.push(keyWiring(site, key.name));
    }
  }
  const deployment = Object.keys(keys).length === 0 ? host.deployment : { ...host.deployment, keys };
  return { deployment, modules };
}

/**
 * Turns a fleet file (parsed JSON) into a Colmena hive: `hive.nix`, one module per site at
 * `hosts/<host>/<domain>.nix` (the single-host module of its mode, minus the nginx log format,
 * which moves to `hosts/<host>/_nginx-http.nix` so two sites never define it twice), and with
 * `flake` also `flake.nix`. A site's `secretKey` becomes `deployment.keys.<file name>` and its
 * unit requires `<file name>-key.service`. Sites that would clash are refused
 * (`checkFleetClashes`). Throws `IssoDeploymentError` with the fleet-file path of the problem.
 */
export function renderFleet(input: unknown, options: FleetRenderOptions = {}): FleetRenderResult {
  const fleet = readFleet(input);
  checkFleetClashes(fleet, options.claimSources ?? CLAIM_SOURCES);
  const files: FleetFile[] = [];
  const warnings: string[] = [];
  const nodes: Hive['nodes'] = {};
  for (const host of fleet.hosts) nodes[host.name] = hostNode(host, files, warnings, options.flake === true);
  const hive: Hive = { nodes };
  const header = ['Colmena hive generated by @nixkit/isso-deploy from the fleet description.', 'Deploy with: colmena apply'];
  files.unshift({ path: 'hive.nix', text: toHive(hive, { header }), description: 'the Colmena hive; run colmena apply next to it' });
  if (options.flake === true) {
    const flakeOptions: { header: string[]; nixpkgsUrl?: string; system?: string } = { header: ['Colmena hive as a flake, generated by @nixkit/isso-deploy.', 'Deploy with: colmena apply (add the hosts/ files to git first: a flake sees tracked files only)'] };
    if (options.nixpkgsUrl !== undefined) flakeOptions.nixpkgsUrl = options.nixpkgsUrl;
    if (options.system !== undefined) flakeOptions.system = options.system;
    let text: string;
    try {
      text = toHiveFlake(hive, flakeOptions);
    } catch (error) {
      if (error instanceof Error && error.name === 'ColmenaHiveError') throw new IssoDeploymentError(error.message);
      throw error;
    }
    files.splice(1, 0, { path: 'flake.nix', text, description: 'the same hive as a flake, outputs.colmenaHive' });
  }
  return { files, warnings, fleet };
}
