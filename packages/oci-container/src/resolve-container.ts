import { addCost } from './cost-meter.js';
import { checkEnvFile, checkImage, checkPort, checkVolume } from './field-checks.js';
import type { OciContainer } from './model.js';
import { resolveText, type NixResolver, type NixText } from './nix-text.js';
import type { Path } from './shape.js';

/** A validated container with every text field concrete (Nix expressions resolved and re-checked). */
export interface ResolvedContainer extends Omit<OciContainer, 'image' | 'imageFile' | 'imageStream' | 'cmd' | 'entrypoint' | 'environment' | 'environmentFiles' | 'ports' | 'volumes' | 'labels' | 'extraOptions'> {
  image: string;
  cmd: string[];
  entrypoint?: string;
  environment: [string, string][];
  environmentFiles: string[];
  ports: string[];
  volumes: string[];
  labels: [string, string][];
  extraOptions: string[];
}

/**
 * Nix sorts attribute names bytewise (UTF-8); JS sorts UTF-16 code units. They differ only for
 * characters beyond U+FFFF against U+E000–U+FFFF, but the argv must match NixOS exactly.
 */
export function compareUtf8(a: string, b: string): number {
  // UTF-8 byte order is code point order. At the first differing UTF-16 unit, a surrogate (part
  // of an astral character) must rank above U+E000–U+FFFF; no per-compare arrays are built.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      addCost(i + 1);
      return codePointRank(x) - codePointRank(y);
    }
  }
  addCost(n + 1);
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

function sortedPairs(record: Record<string, NixText> | undefined, path: Path, resolve: NixResolver | undefined): [string, string][] {
  return Object.keys(record ?? {})
    .sort(compareUtf8)
    .map((key) => [key, resolveText((record as Record<string, NixText>)[key] as NixText, [...path, key], resolve)]);
}

/** Resolves a validated container's text fields; resolved values pass the same syntax checks as literals. */
export function resolveContainer(container: OciContainer, resolve: NixResolver | undefined): ResolvedContainer {
  const list = (items: NixText[] | undefined, key: string, check?: (text: string, path: Path) => void) =>
    (items ?? []).map((item, index) => {
      const text = resolveText(item, [key, index], resolve);
      check?.(text, [key, index]);
      return text;
    });
  const image = resolveText(container.image, ['image'], resolve);
  checkImage(image, ['image']);
  const { imageFile: _file, imageStream: _stream, entrypoint, ...rest } = container;
  const out: ResolvedContainer = {
    ...rest,
    image,
    cmd: list(container.cmd, 'cmd'),
    environment: sortedPairs(container.environment, ['environment'], resolve),
    environmentFiles: list(container.environmentFiles, 'environmentFiles', checkEnvFile),
    ports: list(container.ports, 'ports', checkPort),
    volumes: list(container.volumes, 'volumes', checkVolume),
    labels: sortedPairs(container.labels, ['labels'], resolve),
    extraOptions: list(container.extraOptions, 'extraOptions'),
  };
  if (entrypoint !== undefined) out.entrypoint = resolveText(entrypoint, ['entrypoint'], resolve);
  return out;
}
