export { requireTool } from './require-tool.js';
export { nixParse, nixEvalJson, nixEvalJsonOrThrow, nixParseOrThrow, runNixInstantiate, type NixResult } from './nix.js';
export { nixParseMany, type ParseOutcome } from './nix-parse-many.js';
export { nginxTest, nginxSandbox, type NginxCheck, type NginxSandbox } from './nginx.js';
export { runPython, runPythonJson } from './python.js';
export { seededRandom, pick, intBetween, hostileString, HOSTILE_FRAGMENTS } from './random.js';
export { freePort, isGone, startProcess, waitForPort, type LiveProcess } from './live-process.js';
export { ISSO_STAND_IN, requireGunicornPython, startGunicorn } from './gunicorn.js';
export { startNginx, type LiveNginx } from './nginx-live.js';
