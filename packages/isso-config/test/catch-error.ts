import * as assert from 'uvu/assert';
import { IssoConfigError } from '../src/index.js';

/** The IssoConfigError `run` throws; fails the test when it throws nothing or something else. */
export function catchError(run: () => unknown): IssoConfigError {
  try {
    run();
  } catch (error) {
    assert.instance(error, IssoConfigError);
    return error as IssoConfigError;
  }
  throw new Error('expected an IssoConfigError');
}
