import { spawnSync } from 'node:child_process';
import { requireTool } from './require-tool.js';

/** The result of one nix-instantiate run: ok with stdout, or the error text Nix printed. */
export type NixResult = { ok: true; stdout: string } | { ok: false; stderr: string };

/**
 * Runs nix-instantiate with `args`; with `source`, the expression is read from stdin (`-`).
 * Evaluation never touches a real store or the network.
 */
export function runNixInstantiate(args: readonly string[], source?: string): NixResult {
  const bin = requireTool('nix-instantiate');
  const result = spawnSync(bin, source === undefined ? [...args] : [...args, '-'], {
    input: source,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NIX_PATH: '', NIX_REMOTE: '', HOME: process.env.HOME ?? '/tmp' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) return { ok: false, stderr: result.stderr };
  return { ok: true, stdout: result.stdout };
}

/** `nix-instantiate --parse`: Nix's own desugared dump of a source, or its syntax error. */
export function nixParse(source: string): NixResult {
  return runNixInstantiate(['--parse'], source);
}

/** `nix-instantiate --eval --strict --json`: the JSON value of a source, or its error. */
export function nixEvalJson(source: string): NixResult {
  return runNixInstantiate(['--eval', '--strict', '--json'], source);
}

/** Like nixEvalJson but throws with the source and Nix's message on failure. */
export function nixEvalJsonOrThrow(source: string): unknown {
  const result = nixEvalJson(source);
  if (!result.ok) throw new Error(`nix-instantiate --eval failed:\n${result.stderr}\n--- source ---\n${source.slice(0, 4000)}`);
  return JSON.parse(result.stdout);
}

/** Like nixParse but throws with the source and Nix's message on failure. */
export function nixParseOrThrow(source: string): string {
  const result = nixParse(source);
  if (!result.ok) throw new Error(`nix-instantiate --parse failed:\n${result.stderr}\n--- source ---\n${source.slice(0, 4000)}`);
  return result.stdout;
}
