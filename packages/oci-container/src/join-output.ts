import { addCost } from './cost-meter.js';
import { OciContainerError } from './errors.js';
import { MAX_OUTPUT_CHARS } from './limits.js';

/**
 * `parts.join(separator)`, refused with this package's error when the result would pass
 * `MAX_OUTPUT_CHARS` (V8 would throw "Invalid string length" near 512 Mi characters).
 */
export function joinOutput(parts: readonly string[], separator: string): string {
  addCost(parts.length);
  let total = 0;
  for (const part of parts) {
    total += part.length + separator.length;
    if (total > MAX_OUTPUT_CHARS) {
      throw new OciContainerError(`the rendered text would exceed ${MAX_OUTPUT_CHARS} characters`, { path: [], value: `${part.slice(0, 40)}…`, accepted: 'a smaller container: fewer or shorter values' });
    }
  }
  return parts.join(separator);
}
