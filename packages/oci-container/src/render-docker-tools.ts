import { attrs, bind, call, int, list, ref, select, str, type NixCall, type NixExpr } from '@nixkit/nix-expr';
import type { OciHealthcheck, OciImage, OciImageConfig } from './model.js';
import { textNode, type NixText } from './nix-text.js';
import { validateImage } from './validate-image.js';
import { readNixExprOption, readOptions } from './read-options.js';

export interface DockerToolsOptions {
  /** The `dockerTools` attribute set to call into; default `pkgs.dockerTools`. */
  dockerTools?: NixExpr;
}

const texts = (items: readonly NixText[]) => list(items.map(textNode));
// Bindings built one key each: a key such as "8080/tcp" or "org.opencontainers.image.title" is
// one attribute name, never an attribute path.
const emptySet = (keys: readonly string[]) => attrs([...new Set(keys)].map((key) => bind([key], attrs({}))));
const textRecord = (record: Readonly<Record<string, NixText>>) => attrs(Object.entries(record).map(([key, value]) => bind([key], textNode(value))));

function healthcheckNode(health: OciHealthcheck): NixExpr {
  const out: Record<string, NixExpr> = { Test: texts(health.Test) };
  for (const key of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
    const value = health[key];
    // Validation normalised durations to integer nanoseconds, the unit the image config stores.
    if (value !== undefined) out[key] = int(value as number);
  }
  if (health.Retries !== undefined) out['Retries'] = int(health.Retries);
  return attrs(out);
}

function configNode(config: OciImageConfig): NixExpr {
  const out: Record<string, NixExpr> = {};
  if (config.Cmd !== undefined) out['Cmd'] = texts(config.Cmd);
  if (config.Entrypoint !== undefined) out['Entrypoint'] = texts(config.Entrypoint);
  if (config.Env !== undefined) {
    const env = config.Env;
    out['Env'] = Array.isArray(env)
      ? texts(env)
      : list(Object.entries(env).map(([key, value]) => (typeof value === 'string' ? str(`${key}=${value}`) : str(`${key}=`, value))));
  }
  if (config.ExposedPorts !== undefined) out['ExposedPorts'] = emptySet(config.ExposedPorts);
  if (config.Volumes !== undefined) out['Volumes'] = emptySet(config.Volumes);
  if (config.WorkingDir !== undefined) out['WorkingDir'] = str(config.WorkingDir);
  if (config.User !== undefined) out['User'] = str(config.User);
  if (config.Labels !== undefined) out['Labels'] = textRecord(config.Labels);
  if (config.StopSignal !== undefined) out['StopSignal'] = str(config.StopSignal);
  if (config.Healthcheck !== undefined) out['Healthcheck'] = healthcheckNode(config.Healthcheck);
  return attrs(out);
}

/**
 * The Nix call that builds the image: `pkgs.dockerTools.buildImage { name = …; … config = { Cmd
 * = [ … ]; Env = [ … ]; }; }` (or `buildLayeredImage` / `streamLayeredImage` per `builder`).
 * `copyToRoot` is passed as `copyToRoot` to buildImage and as `contents` to the layered builders,
 * following nixpkgs. Config keys keep their OCI names; nothing is dropped.
 */
export function toDockerToolsCall(input: OciImage, options?: DockerToolsOptions): NixCall {
  const checked = readOptions(options, ['dockerTools'], 'toDockerToolsCall');
  const dockerToolsOption = checked['dockerTools'] === undefined ? undefined : readNixExprOption(checked['dockerTools'], ['dockerTools']);
  const image = validateImage(input);
  const builder = image.builder ?? 'buildImage';
  const args: Record<string, NixExpr> = { name: textNode(image.name) };
  if (image.tag !== undefined) args['tag'] = textNode(image.tag);
  if (image.fromImage !== undefined) args['fromImage'] = textNode(image.fromImage);
  if (image.copyToRoot !== undefined) args[builder === 'buildImage' ? 'copyToRoot' : 'contents'] = texts(image.copyToRoot);
  if (image.extraCommands !== undefined) args['extraCommands'] = textNode(image.extraCommands);
  if (image.config !== undefined) args['config'] = configNode(image.config);
  const dockerTools = dockerToolsOption ?? ref('pkgs.dockerTools');
  return call(select(dockerTools, [builder]), attrs(args));
}
