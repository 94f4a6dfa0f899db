import { supportsEnvExpansion } from '@nixkit/isso-config';
import type { IssoDeployment, ResolvedDeployment, SecretRefs } from './deployment.js';
import type { DeploymentMode } from './deployment-mode.js';
import {
  ARTICLE_DB_VOLUME,
  ARTICLE_GUNICORN,
  ARTICLE_IMAGE,
  ARTICLE_PORT,
  ARTICLE_PYTHON,
  ARTICLE_SOURCE,
  NIXPKGS_ISSO_VERSION,
  articleNginx,
  defaultSites,
} from './defaults.js';
import { IssoDeploymentError } from './errors.js';
import { optional, readArray, readBoolean, readEnum, readInteger, readObject, readString } from './read-json.js';
import { readPython, readSource } from './read-build.js';
import { readGunicorn, readNginx, readSecrets } from './read-service.js';
import { readSettings } from './read-settings.js';
import { chooseMode } from './choose-mode.js';
import { DEFAULT_NIXOS_CONTAINER } from './nixos-container-options.js';
import { checkNixosContainerFields, readNixosContainer } from './resolve-nixos-container.js';
import { EMAIL, IMAGE_NAME, IMAGE_TAG, SIMPLE_NAME, SITE, absolutePath, domain } from './read-values.js';

const TOP_LEVEL = [
  'domain', 'acmeEmail', 'acmeAcceptTerms', 'sites', 'port', 'source', 'python', 'settings', 'gunicorn',
  'image', 'backend', 'containerName', 'dbVolume', 'nginx', 'secrets', 'mode', 'nixosContainer',
] as const satisfies readonly (keyof IssoDeployment)[];

/**
 * Validates a deployment description (typed, or parsed from JSON) and fills in the reference
 * article's choices for every field left out. Unknown fields, wrong types and values that would
 * render into something other than what they say are an `IssoDeploymentError` naming the field;
 * so is a plaintext password, or a secret reference the chosen Isso version cannot expand.
 * `mode` (default: the description's own `mode`, else `container`) decides the default source
 * (`nixos-module` runs pkgs.isso) and the fields the nixos-container mode refuses.
 */
export function resolveDeployment(input: IssoDeployment | unknown, options: { mode?: DeploymentMode } = {}): ResolvedDeployment {
  const o = readObject(input, [], TOP_LEVEL);
  const mode = chooseMode(input, options.mode);
  for (const key of ['domain', 'acmeEmail'] as const) {
    if (o[key] === undefined) {
      throw new IssoDeploymentError(`the description needs "${key}"; the smallest one is {"domain": "comments.example.org", "acmeEmail": "letsencrypt@example.org"}`, { path: [key] });
    }
  }
  const name = domain(o.domain, ['domain']);
  const port = optional(o, 'port', [], (x, p) => readInteger(x, p, 1, 65535), ARTICLE_PORT);
  // services.isso has no package option: it always runs pkgs.isso, so that is its default source.
  const source = optional<ResolvedDeployment['source']>(o, 'source', [], readSource, mode === 'nixos-module' ? { kind: 'nixpkgs', issoVersion: NIXPKGS_ISSO_VERSION } : { ...ARTICLE_SOURCE });
  if (mode === 'nixos-module' && source.kind !== 'nixpkgs') {
    throw new IssoDeploymentError('NixOS\'s services.isso always runs pkgs.isso and cannot build another source; remove "source" or use the container or native mode', { path: ['source'], value: o.source });
  }
  const secrets = optional<SecretRefs | null>(o, 'secrets', [], readSecrets, null);
  const settings = optional(o, 'settings', [], (x, p) => readSettings(x, p, source.issoVersion, secrets !== null), {});
  const sitesGiven = o.sites !== undefined;
  if (sitesGiven && settings.general?.host !== undefined) {
    throw new IssoDeploymentError('set the embedding websites once: either "sites" or "settings.general.host", not both', {
      path: ['settings', 'general', 'host'],
      value: settings.general.host,
    });
  }
  const resolved: ResolvedDeployment = {
    domain: name,
    acmeEmail: readString(o.acmeEmail, ['acmeEmail'], EMAIL, 'an e-mail address such as "letsencrypt@example.org"'),
    acmeAcceptTerms: optional(o, 'acmeAcceptTerms', [], readBoolean, false),
    sites: optional(o, 'sites', [], (x, p) => readArray(x, p, (s, sp) => readString(s, sp, SITE, 'an origin such as "https://example.org" (scheme, host, optional port; no path)')), defaultSites(name, port)),
    port,
    source,
    python: optional(o, 'python', [], readPython, ARTICLE_PYTHON),
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
    nixosContainer: optional(o, 'nixosContainer', [], readNixosContainer, { ...DEFAULT_NIXOS_CONTAINER, extraFlags: [] }),
  };
  checkNixosContainerFields(o, mode, resolved.nixosContainer);
  checkSecrets(resolved);
  return resolved;
}

/** Secret references need an environment file and an Isso that expands `${VAR}` (0.14.0+). */
function checkSecrets(d: ResolvedDeployment): void {
  const refs = d.secrets;
  if (refs === null || (refs.smtpPassword === undefined && refs.adminPassword === undefined)) return;
  if (!supportsEnvExpansion(d.source.issoVersion)) {
    throw new IssoDeploymentError(
      `Isso ${d.source.issoVersion} cannot read passwords from the environment (\${VAR} expansion arrived in 0.14.0), ` +
        'so they would have to be written into isso.conf in the Nix store. Use source {"kind": "nixpkgs"} (Isso 0.14.0), ' +
        'or a github source at 0.14.0 or later with "issoVersion" set, or drop the password references',
      { path: ['secrets'], value: refs },
    );
  }
}
