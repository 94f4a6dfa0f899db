import { compareIssoVersions, supportsEnvExpansion } from '@nixkit/isso-config';
import type { IssoDeployment, Preset, ResolvedDeployment, SecretRefs } from './deployment.js';
import { DEPLOYMENT_MODES, type DeploymentMode } from './deployment-mode.js';
import { ARTICLE_DB_VOLUME, ARTICLE_GUNICORN, ARTICLE_IMAGE, ARTICLE_PORT, ARTICLE_SOURCE, articleNginx, defaultSites } from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { checkHost, checkNotifications, lowerCaseHosts } from './host-checks.js';
import { defaultPython } from './isso-recipes.js';
import { checkMode } from './mode-checks.js';
import { DEFAULT_NIXOS_RELEASE, NIXOS_RELEASES, type NixosRelease } from './nixos-release.js';
import { optional, readArray, readBoolean, readEnum, readInteger, readObject, readString } from './read-json.js';
import { readPython, readSource } from './read-build.js';
import { readGunicorn, readNginx, readSecrets } from './read-service.js';
import { readSettings } from './read-settings.js';
import { chooseMode } from './choose-mode.js';
import { DEFAULT_NIXOS_CONTAINER } from './nixos-container-options.js';
import { checkNixosContainerInput, readNixosContainer } from './resolve-nixos-container.js';
import { TOP_LEVEL_FIELDS } from './top-level.js';
import { releaseFacts } from './release-facts.js';
import { EMAIL, IMAGE_NAME, IMAGE_TAG, SIMPLE_NAME, SITE, absolutePath, domain } from './read-values.js';

/** Options of `resolveDeployment`. */
export interface ResolveOptions {
  /** Also run the checks of this mode (where the database lives, where gunicorn binds). */
  mode?: DeploymentMode;
  /** Overrides the description's `nixosRelease` (a CLI's `--nixos-release`). */
  nixosRelease?: NixosRelease;
}

// Resolved descriptions this module made, so the renderers can tell one from a caller's own
// object without trusting its shape.
const RESOLVED = new WeakSet<ResolvedDeployment>();

/** True when `value` came out of `resolveDeployment` (and so has been validated). */
export function isResolved(value: unknown): value is ResolvedDeployment {
  return typeof value === 'object' && value !== null && RESOLVED.has(value as ResolvedDeployment);
}

/**
 * Validates a deployment description, typed or parsed from JSON (`unknown`), and fills in the
 * defaults: nixpkgs' Isso for the newest supported NixOS release, served by gunicorn behind nginx
 * with ACME. Unknown fields, wrong types and values that would render into something other than
 * what they say are an `IssoDeploymentError` naming the field; so is a plaintext secret (never
 * repeated in the error), a secret reference the chosen Isso cannot expand, a port nginx needs, a
 * name ACME cannot certify, and SMTP notifications with nowhere to send them. With `mode`, the
 * checks of that mode run too (the renderers always run them).
 */
export function resolveDeployment(json: unknown, options: ResolveOptions = {}): ResolvedDeployment {
  const o = readObject(json, [], TOP_LEVEL_FIELDS);
  const describedMode = optional<DeploymentMode | null>(o, 'mode', [], (x, p) => readEnum(x, p, DEPLOYMENT_MODES), null);
  const mode = chooseMode(json, options.mode);
  for (const key of ['domain', 'acmeEmail'] as const) {
    if (o[key] === undefined) {
      throw new IssoDeploymentError(`the description needs "${key}"; the smallest one is {"domain": "comments.example.org", "acmeEmail": "letsencrypt@example.org"}`, { path: [key] });
    }
  }
  if (o.$schema !== undefined) readString(o.$schema, ['$schema'], /^\S+$/, 'a URL or path of the JSON Schema');
  const release = options.nixosRelease ?? optional(o, 'nixosRelease', [], (x, p) => readEnum(x, p, NIXOS_RELEASES), DEFAULT_NIXOS_RELEASE);
  const preset = optional<Preset | null>(o, 'preset', [], (x, p) => readEnum(x, p, ['article-2020'] as const), null);
  const notes: string[] = [];
  const name = lowerCaseHosts(domain(o.domain, ['domain']), 'domain', notes);
  checkHost(name, ['domain']);
  const port = optional(o, 'port', [], (x, p) => readInteger(x, p, 1, 65535), ARTICLE_PORT);
  if (port === 80 || port === 443) {
    throw new IssoDeploymentError(`port ${port} is nginx's (it serves the site on 80 and 443); pick another port for gunicorn, such as 8080`, { path: ['port'], value: port });
  }
  const source = optional<ResolvedDeployment['source']>(o, 'source', [], (x, p) => readSource(x, p, release),
    preset === 'article-2020' ? { ...ARTICLE_SOURCE, allowMovingRev: true } : { kind: 'nixpkgs', issoVersion: releaseFacts(release).nixpkgsIssoVersion });
  const secrets = optional<SecretRefs | null>(o, 'secrets', [], readSecrets, null);
  const settings = optional(o, 'settings', [], (x, p) => readSettings(x, p, source.issoVersion, secrets !== null), {});
  const sitesGiven = o.sites !== undefined;
  if (sitesGiven && settings.general?.host !== undefined) {
    throw new IssoDeploymentError('set the embedding websites once: either "sites" or "settings.general.host", not both', {
      path: ['settings', 'general', 'host'],
      value: settings.general.host,
    });
  }
  const site = (s: unknown, sp: readonly (string | number)[]) =>
    lowerCaseHosts(readString(s, sp, SITE, 'an origin such as "https://example.org" (scheme, host, optional port; no path)'), `sites[${String(sp[1])}]`, notes);
  const resolved: ResolvedDeployment = {
    nixosRelease: release,
    preset,
    openFirewall: optional(o, 'openFirewall', [], readBoolean, preset !== 'article-2020'),
    domain: name,
    acmeEmail: readString(o.acmeEmail, ['acmeEmail'], EMAIL, 'an e-mail address such as "letsencrypt@example.org"'),
    acmeAcceptTerms: optional(o, 'acmeAcceptTerms', [], readBoolean, false),
    sites: optional(o, 'sites', [], (x, p) => readArray(x, p, site), defaultSites(name, port)),
    port,
    source,
    python: optional(o, 'python', [], (x, p) => readPython(x, p, defaultPython(source.issoVersion, preset)), defaultPython(source.issoVersion, preset)),
    settings,
    gunicorn: optional(o, 'gunicorn', [], readGunicorn, ARTICLE_GUNICORN),
    image: optional(o, 'image', [], (x, p) => {
      const i = readObject(x, p, ['name', 'tag']);
      return {
        name: optional(i, 'name', p, (y, q) => readString(y, q, IMAGE_NAME, 'a lower-case image name such as "isso"'), ARTICLE_IMAGE.name),
        tag: optional(i, 'tag', p, (y, q) => readString(y, q, IMAGE_TAG, 'an image tag such as "latest"'), ARTICLE_IMAGE.tag),
      };
    }, ARTICLE_IMAGE),
    backend: optional(o, 'backend', [], (x, p) => readEnum(x, p, ['podman', 'docker'] as const), 'podman'),
    containerName: optional(o, 'containerName', [], (x, p) => readString(x, p, SIMPLE_NAME, 'a container name of [A-Za-z0-9_.-]'), 'isso'),
    dbVolume: optional(o, 'dbVolume', [], (x, p) => {
      const d = readObject(x, p, ['hostPath', 'containerPath']);
      return {
        hostPath: optional(d, 'hostPath', p, absolutePath, ARTICLE_DB_VOLUME.hostPath),
        containerPath: optional(d, 'containerPath', p, absolutePath, ARTICLE_DB_VOLUME.containerPath),
      };
    }, ARTICLE_DB_VOLUME),
    nginx: optional(o, 'nginx', [], (x, p) => readNginx(x, p, articleNginx(name)), articleNginx(name)),
    secrets,
    mode: describedMode,
    nixosContainer: optional(o, 'nixosContainer', [], readNixosContainer, { ...DEFAULT_NIXOS_CONTAINER, extraFlags: [] }),
    notes,
  };
  resolved.nginx.aliases.forEach((alias, i) => checkHost(alias, ['nginx', 'aliases', i]));
  checkPythonNames(resolved);
  if (source.kind === 'github' && preset === null && compareIssoVersions(source.issoVersion, '0.13.0') >= 0) {
    notes.push(
      `a GitHub checkout of Isso ${source.issoVersion} has no built client script (embed.min.js is made by "make js" with npm, ` +
        'which this recipe does not run), so /js/embed.min.js must come from elsewhere; a pypi source or nixpkgs\' package includes it',
    );
  }
  checkSecrets(resolved);
  checkNotifications(resolved);
  if (preset === 'article-2020') {
    notes.push(
      `preset "article-2020" writes the article's 2020 recipe, which does not build on NixOS ${release}: ` +
        'its fork follows the moving branch vbe/master under a fixed hash, its checkInputs use nose (removed from nixpkgs in 2024), ' +
        'it sets neither pyproject nor format, and Isso 0.12 fails at import under werkzeug >= 2 without passlib. Drop "preset" for a module that builds',
    );
  }
  if (mode === 'nixos-container') checkNixosContainerInput(o, resolved);
  RESOLVED.add(resolved);
  if (options.mode !== undefined || describedMode !== null) checkMode(resolved, mode);
  return resolved;
}

/**
 * Refuses python3Packages names the target release no longer has (nose, since 24.11): the
 * module would fail at evaluation with an unhelpful missing-attribute error. The article preset
 * keeps them on purpose and says so.
 */
function checkPythonNames(d: ResolvedDeployment): void {
  if (d.preset !== null) return;
  const removed = releaseFacts(d.nixosRelease).removedPythonPackages;
  const lists = { dependencies: d.python.dependencies, buildDependencies: d.python.buildDependencies, environment: d.python.environment, check: d.python.check?.inputs ?? [] };
  for (const [field, names] of Object.entries(lists)) {
    const index = names.findIndex((name) => removed.includes(name));
    if (index === -1) continue;
    const path = field === 'check' ? ['python', 'check', 'inputs', index] : ['python', field, index];
    throw new IssoDeploymentError(`python3Packages.${names[index]} no longer exists in NixOS ${d.nixosRelease}; remove it (nose was dropped from nixpkgs in 2024)`, { path, value: names[index] });
  }
}

/** Secret references need an environment file and an Isso that expands `${VAR}` (0.14.0+). */
function checkSecrets(d: ResolvedDeployment): void {
  const refs = d.secrets;
  if (refs === null || Object.keys(refs).length === 1) return;
  if (!supportsEnvExpansion(d.source.issoVersion)) {
    throw new IssoDeploymentError(
      `Isso ${d.source.issoVersion} cannot read secrets from the environment (\${VAR} expansion arrived in 0.14.0), ` +
        'so they would have to be written into isso.conf in the Nix store. Use a pypi or github source at 0.14.0 or later ' +
        '(pkgs.isso is 0.13.0 in every supported NixOS release), or drop the secret references',
      { path: ['secrets'] },
    );
  }
}
