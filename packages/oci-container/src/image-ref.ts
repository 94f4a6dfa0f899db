import type { ParseResult } from './port-spec.js';

/** An image reference split the way podman and docker read it: `[domain/]path[:tag][@digest]`. */
export interface ImageRef {
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

// The grammar of github.com/distribution/reference, written out as regular expressions.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const DOMAIN = /^(?:localhost|\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*)(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/**
 * Parses an image reference (`isso`, `isso:latest`, `ghcr.io/o/n:1.2@sha256:…`,
 * `localhost:5000/x`). Never throws; a refused text comes back with the reason.
 */
export function parseImageRef(text: string): ParseResult<ImageRef> {
  if (typeof text !== 'string' || text === '') return { ok: false, error: 'an image reference must be a non-empty string' };
  if (text.length > 4096) return { ok: false, error: 'an image reference is at most 4096 characters' };
  let rest = text;
  const ref: ImageRef = { path: '' };
  const at = rest.indexOf('@');
  if (at !== -1) {
    const digest = rest.slice(at + 1);
    if (!DIGEST.test(digest)) return { ok: false, error: `"${digest}" is not a digest like sha256:<64 hex>` };
    ref.digest = digest;
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  if (slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
    if (!DOMAIN.test(first)) return { ok: false, error: `"${first}" is not a registry host[:port]` };
    ref.domain = first;
    rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return { ok: false, error: `"${tag}" is not a tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})` };
    ref.tag = tag;
    rest = rest.slice(0, colon);
  }
  if (!PATH.test(rest)) {
    return { ok: false, error: `"${rest}" is not an image name: lowercase [a-z0-9] components separated by "/", joined by ".", "_", "__" or "-"` };
  }
  ref.path = rest;
  return { ok: true, value: ref };
}
