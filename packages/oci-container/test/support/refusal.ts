import { OciContainerError } from '../../src/index.js';

/** Runs `run` and returns the OciContainerError it throws; any other outcome fails the test. */
export function refusal(run: () => unknown): OciContainerError {
  try {
    run();
  } catch (error) {
    if (error instanceof OciContainerError) return error;
    throw error;
  }
  throw new Error('expected an OciContainerError');
}
