export { requireTool } from './require-tool.js';
export { nixParse, nixEvalJson, nixEvalJsonOrThrow, nixParseOrThrow, runNixInstantiate, type NixResult } from './nix.js';
export { nixParseMany, type ParseOutcome } from './nix-parse-many.js';
export { nginxTest, nginxSandbox, type NginxCheck, type NginxSandbox } from './nginx.js';
export { runPython, runPythonJson } from './python.js';
export { seededRandom, pick, intBetween, hostileString, HOSTILE_FRAGMENTS } from './random.js';
export { ECHO_APP, freeLoopbackPort, loopbackGet, scratchDirectory, startGunicorn, startNginx, startServer, writeEchoApp, type HttpReply, type LoopbackServer } from './loopback-servers.js';
export { colmenaStubEvaluator, scratchFiles } from './colmena-stub.js';
