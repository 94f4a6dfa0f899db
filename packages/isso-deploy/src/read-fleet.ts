import { ColmenaHiveError, validateDeployment, validateKey, validateNodeName } from '@nixkit/colmena-hive';
import { serviceUnitName } from './check-status.js';
import { chooseMode } from './choose-mode.js';
import { IssoDeploymentError, formatFieldPath, type FieldPath } from './errors.js';
import type { Fleet, FleetHost, FleetSite, SecretKeySource } from './fleet-description.js';
import { fail, readArray, readObject } from './read-json.js';
import { resolveDeployment } from './resolve.js';

const HOST_FIELDS = ['targetHost', 'targetPort', 'targetUser', 'tags', 'buildOnTarget', 'allowLocalDeployment', 'isso'] as const;

/** Runs a @nixkit/colmena-hive check and reports its error as this package's, at the same path. */
function asDeploymentError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ColmenaHiveError) {
      throw new IssoDeploymentError(`${error.reason}${error.accepted === '' ? '' : ` (accepted: ${error.accepted})`}`, { path: error.path, value: error.value });
    }
    throw error;
  }
}

/** Re-raises a deployment error from `resolveDeployment` under the site's path in the fleet file. */
function underSite<T>(path: FieldPath, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof IssoDeploymentError) {
      const inner = error.path.length > 0 ? error.message.slice(formatFieldPath(error.path).length + 2) : error.message;
      throw new IssoDeploymentError(inner, { path: [...path, ...error.path], value: error.value });
    }
    throw error;
  }
}

function readSecretKey(value: unknown, path: FieldPath): SecretKeySource {
  readObject(value, path, ['keyFile', 'keyCommand']);
  // Exactly one source, and its shape, as Colmena's key options take them.
  const key = asDeploymentError(() => validateKey(value, path));
  return key.keyFile !== undefined ? { keyFile: key.keyFile } : { keyCommand: key.keyCommand! };
}

function readSite(value: unknown, host: string, path: FieldPath): FleetSite {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value, 'a deployment description object');
  // A site is a deployment description plus its secretKey: its "mode" is the description's own
  // field, read by chooseMode as `render --config` reads it, and stays in the description, so
  // the description alone renders and checks as this site (one source of truth for the mode).
  const { secretKey: rawKey, ...description } = value as Record<string, unknown>;
  const mode = underSite(path, () => chooseMode(description, undefined));
  const deployment = underSite(path, () => resolveDeployment(description, { mode }));
  let secretKey: SecretKeySource | null = null;
  if (rawKey !== undefined) {
    secretKey = readSecretKey(rawKey, [...path, 'secretKey']);
    if (deployment.secrets === null) {
      throw new IssoDeploymentError('there is no secrets.environmentFile for this key to become; add "secrets": {"environmentFile": "/run/keys/isso.env", …} or remove "secretKey"', { path: [...path, 'secretKey'], value: rawKey });
    }
  }
  return { host, path, name: deployment.domain, mode, description, deployment, unit: serviceUnitName(deployment, mode), secretKey };
}

function readHost(name: string, value: unknown, path: FieldPath): FleetHost {
  asDeploymentError(() => validateNodeName(name, path));
  const o = readObject(value, path, HOST_FIELDS);
  const { isso, ...connection } = o;
  const deployment = asDeploymentError(() => validateDeployment(connection, path));
  const sites = isso === undefined ? [] : readArray(isso, [...path, 'isso'], (site, p) => readSite(site, name, p));
  return { name, deployment, sites };
}

/**
 * Validates a fleet file (parsed JSON): hosts by Colmena node name, each with Colmena's
 * connection options and a list of Isso sites. A site is a deployment description (its own
 * `mode` included, default `container`) plus `secretKey`; it is resolved exactly as `render --config` resolves one, and every error
 * names its place in the fleet file (`hosts.web2.isso[0].port`). Clashes between sites are
 * checked separately, by `checkFleetClashes`.
 */
export function readFleet(input: unknown): Fleet {
  const o = readObject(input, [], ['hosts']);
  if (o.hosts === undefined) throw new IssoDeploymentError('the fleet needs "hosts", e.g. {"hosts": {"web1": {"targetHost": "web1.example.org", "isso": [ … ]}}}', { path: ['hosts'] });
  const hosts = readObject(o.hosts, ['hosts'], Object.keys(o.hosts ?? {}));
  return { hosts: Object.entries(hosts).map(([name, host]) => readHost(name, host, ['hosts', name])) };
}

