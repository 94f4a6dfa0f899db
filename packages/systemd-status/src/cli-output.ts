/**
 * Writes the CLI's output one unit at a time. `--json` produces byte for byte what
 * `JSON.stringify({ units, …, verdicts }, null, 2)` would, without ever holding that string:
 * each unit is stringified alone and indented into place. Only the verdicts (one short object
 * per unit, kept as text) wait for the end, because they follow the units in the document.
 */
import type { OutputMode } from './cli-args.js';
import type { HealthVerdict } from './types.js';

/** Receives the output text piece by piece. */
export type Sink = (text: string) => Promise<void>;

export interface UnitPrinter {
  unit(unit: unknown, verdict: HealthVerdict): Promise<void>;
  /** `tail` holds the document's fields after `units` (for status input), or null (for show input). */
  end(tail: Record<string, unknown> | null): Promise<void>;
}

export function createUnitPrinter(mode: OutputMode, sink: Sink): UnitPrinter {
  if (mode === 'summary') {
    return { unit: (_unit, verdict) => sink(`${verdict.summary}\n`), end: async () => {} };
  }
  if (mode === 'ndjson') {
    return {
      unit: (unit, verdict) => sink(`${JSON.stringify({ unit, verdict })}\n`),
      end: (tail) => (tail ? sink(`${JSON.stringify(tail)}\n`) : Promise.resolve()),
    };
  }
  // Kept as their JSON text: a verdict's strings may be slices of an input chunk, and holding
  // them would keep every chunk of the input alive.
  const verdicts: string[] = [];
  let count = 0;
  return {
    async unit(unit, verdict) {
      verdicts.push(indent(JSON.stringify(verdict, null, 2), '    '));
      await sink(`${count++ === 0 ? '{\n  "units": [\n    ' : ',\n    '}${indent(JSON.stringify(unit, null, 2), '    ')}`);
    },
    async end(tail) {
      let text = count === 0 ? '{\n  "units": []' : '\n  ]';
      for (const [key, value] of Object.entries(tail ?? {})) text += `,\n  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}`;
      text += ',\n  "verdicts": ';
      if (verdicts.length === 0) {
        await sink(`${text}[]\n}\n`);
        return;
      }
      await sink(`${text}[\n`);
      // Written in batches so that neither the verdicts' text nor one write grows with the input.
      for (let i = 0; i < verdicts.length; i += 256) {
        let batch = '';
        for (let j = i; j < Math.min(i + 256, verdicts.length); j++) batch += `${j === 0 ? '' : ',\n'}    ${verdicts[j]}`;
        await sink(batch);
      }
      await sink('\n  ]\n}\n');
    },
  };
}

/** JSON.stringify escapes line breaks inside strings, so every `\n` is structure. */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}
