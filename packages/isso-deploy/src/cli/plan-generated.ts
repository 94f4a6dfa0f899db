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
  return { previous, text: content, writes: withBackup({ ...previous, text: previous.text }, write) };
}

/** The old file copied to `<file>.bak` (what --force keeps), then the write that replaces it. */
function withBackup(previous: TrackedFile & { text: string }, write: PlannedWrite): PlannedWrite[] {
  const backup = readTracked(`${previous.realPath}.bak`, outputError);
  return [{ realPath: backup.realPath, label: `${previous.path}.bak`, text: previous.text, before: backup.before }, write];
}

/**
 * Plans writing a generated file whose format has no comments (JSON), so it cannot carry the
 * marker: it is written when absent, left alone when it already holds `text`, and replaced when
 * `isOurs` recognises its content as what an earlier run wrote (nomad: its sha256 recorded in the
 * marked HCL file beside it). Anything else may be a file a person wrote or edited, so it is
 * refused unless `force`, which keeps it as `<file>.bak` like planGeneratedFile.
 */
export function planUnmarkedFile(path: string, text: string, force: boolean, isOurs: (existing: string) => boolean = () => false): GeneratedPlan {
  const previous = readTracked(path, outputError);
  removeStaleTemps(dirname(previous.realPath), basename(previous.realPath));
  const write: PlannedWrite = { realPath: previous.realPath, label: path, text, before: previous.before };
  if (previous.text === null) return { previous, text, writes: [write] };
  if (previous.text === text) return { previous, text, writes: [] };
  if (isOurs(previous.text)) return { previous, text, writes: [write] };
  if (!force) {
    throw outputError(`${path} exists and is not the file nixkit-isso last wrote there (JSON cannot carry its marker; its sha256 is not the one recorded beside it); nothing was changed: move it away, or pass --force to replace it and keep a copy as ${path}.bak`);
  }
  return { previous, text, writes: withBackup({ ...previous, text: previous.text }, write) };
}
