import { GENERATED_MARKER, hasGeneratedMarker, withGeneratedMarker } from '../generated-marker.js';
import { outputError } from './cli-error.js';
import type { PlannedWrite } from './safe-write.js';
import { removeStaleTemps } from './stale-temps.js';
import { readTracked, type TrackedFile } from './tracked-file.js';
import { basename, dirname } from 'node:path';

/** The writes for one generated file, and what it held before (for the diff). */
export interface GeneratedPlan {
  previous: TrackedFile;
  /** The content that will be in the file, marker included. */
  text: string;
  writes: PlannedWrite[];
}

/**
 * Plans writing a generated file at `path`: nothing when it already holds `text`, a replacement
 * when it is absent or carries the marker, and otherwise a refusal, unless `force`, which also
 * keeps the old file as `<file>.bak` beside the real file.
 */
export function planGeneratedFile(path: string, text: string, force: boolean): GeneratedPlan {
  const previous = readTracked(path, outputError);
  // Also when nothing is written: a killed run's leftovers go on the next run either way.
  removeStaleTemps(dirname(previous.realPath), basename(previous.realPath));
  const content = withGeneratedMarker(text);
  const write: PlannedWrite = { realPath: previous.realPath, label: path, text: content, before: previous.before };
  if (previous.text === null) return { previous, text: content, writes: [write] };
  if (previous.text === content) return { previous, text: content, writes: [] };
  if (hasGeneratedMarker(previous.text)) return { previous, text: content, writes: [write] };
  if (!force) {
    throw outputError(`${path} exists and was not written by nixkit-isso (its first line does not say "${GENERATED_MARKER}"); nothing was changed: move it away, pick another file, or pass --force to replace it and keep a copy as ${path}.bak`);
  }
  const backup = readTracked(`${previous.realPath}.bak`, outputError);
  return {
    previous,
    text: content,
    writes: [{ realPath: backup.realPath, label: `${path}.bak`, text: previous.text, before: backup.before }, write],
  };
}
