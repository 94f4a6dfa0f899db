import { isNixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import { parseImageRef } from './image-ref.js';
import { literalText, mentionsNixPath, type NixText } from './nix-text.js';
import { parsePortSpec } from './port-spec.js';
import type { Path } from './shape.js';
import { parseVolumeSpec } from './volume-spec.js';

// Syntax checks for the text fields that have a grammar. The validators run them on literal
// values; the argv and Quadlet renderers run them again on resolved Nix expressions.

export function checkImage(text: string, path: Path): void {
  const result = parseImageRef(text);
  if (!result.ok) throw new OciContainerError(`invalid image reference: ${result.error}`, { path, value: text, accepted: '[registry/]name[:tag][@digest]' });
}

export function checkPort(text: string, path: Path): void {
  const result = parsePortSpec(text);
  if (!result.ok) {
    throw new OciContainerError(`invalid port spec: ${result.error}`, { path, value: text, accepted: '[ip:][hostPort:]containerPort[/tcp|udp|sctp], ranges as 8000-8010, IPv6 as [::1]' });
  }
}

export function checkVolume(text: string, path: Path): void {
  const result = parseVolumeSpec(text);
  if (!result.ok) {
    throw new OciContainerError(`invalid volume spec: ${result.error}`, { path, value: text, accepted: '/host/path:/target[:ro,z,…] or name:/target[:opts]' });
  }
}

/** Env files are read at runtime from outside the store; a store path would be world-readable. */
export function checkEnvFile(text: string, path: Path): void {
  if (!text.startsWith('/')) {
    throw new OciContainerError('must be an absolute runtime path (for example /run/secrets/isso.env)', { path, value: text, accepted: 'an absolute path outside /nix/store' });
  }
  if (/^\/nix\/store(\/|$)/.test(text)) {
    throw new OciContainerError('points into /nix/store, which every local user can read; keep secret env files outside the store (/run/secrets, /var/lib/…)', {
      path,
      value: text,
      accepted: 'an absolute path outside /nix/store',
    });
  }
}

/**
 * Runs `check` on a literal text now; an expression is checked only for the store-copy trap
 * (when `refuseNixPaths`) and otherwise left for the renderers that resolve it.
 */
export function checkText(text: NixText, path: Path, check: (text: string, path: Path) => void, refuseNixPaths = false): void {
  const literal = literalText(text);
  if (literal !== undefined) {
    check(literal, path);
    return;
  }
  if (refuseNixPaths && isNixExpr(text) && mentionsNixPath(text)) {
    throw new OciContainerError(
      'is (or interpolates) a Nix path literal such as ./secret.env; Nix would copy that file into the world-readable /nix/store. Give the runtime path as a string (e.g. "/run/secrets/isso.env" or config.sops.secrets.isso.path)',
      { path, value: text, accepted: 'a runtime path string, not a Nix path' },
    );
  }
}
