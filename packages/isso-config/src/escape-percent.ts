/** How a literal `%` is written for the target Isso. */
import { interpolatesPercent, type VersionTuple } from './version.js';

/** Up to 0.12.5 configparser interpolated `%`, so a literal `%` is written `%%`. */
export function escapePercent(text: string, version: VersionTuple): string {
  return interpolatesPercent(version) ? text.replaceAll('%', '%%') : text;
}

