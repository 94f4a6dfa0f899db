import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, isGone, nginxSandbox, startGunicorn, startNginx, type LiveProcess } from '../../../tools/test-helpers/index.js';
import { DEPLOYMENT_MODES, renderNixosModule, renderPlainFiles, resolveDeployment, type DeploymentMode } from '../src/index.js';
import { CURRENT_DEPLOYMENT } from './fixtures.js';
import { PYTHON_NAMES, evalModules, writtenText } from './nix-stubs.js';

// The rendered deployment with the real programs: gunicorn started with the exact command line
// and environment the module gives it (store paths mapped to local ones), serving a stand-in
// `isso.run` that echoes what reaches it, behind a real nginx running the rendered server block
// (a self-signed certificate in place of the ACME one, loopback high ports in place of 80/443).

const DOMAIN = CURRENT_DEPLOYMENT.domain;
const STUB_GUNICORN = '/nix/store/stub-isso-env/bin/gunicorn';
const STUB_CA_BUNDLE = '/nix/store/stub-cacert/etc/ssl/certs/ca-bundle.crt';
const LOCAL_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

interface Reply { status: number; headers: IncomingHttpHeaders; body: string }

function get(url: string, host: string): Promise<Reply> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { headers: { Host: host }, rejectUnauthorized: false, servername: host, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error(`timeout on ${url}`)));
    req.end();
  });
}

/** How the module runs gunicorn in a mode: its arguments after the binary and its environment, as rendered. */
function renderedCommand(mode: DeploymentMode, module: string, issoConf: string, dir: string): { args: string[]; env: Record<string, string> } {
  const configFile = join(dir, 'isso.conf');
  if (mode === 'container') {
    const [image] = evalModules([module], 'r: r.virtualisation.oci-containers.containers.isso.imageFile.config', PYTHON_NAMES) as { Cmd: string[]; Env: string[] }[];
    assert.is(image!.Cmd[0], STUB_GUNICORN);
    const env: Record<string, string> = {};
    for (const entry of image!.Env) {
      const [name, value] = [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)];
      if (name === 'ISSO_SETTINGS') {
        writeFileSync(configFile, writtenText(value).text);
        env[name] = configFile;
      } else if (name === 'SSL_CERT_FILE') {
        assert.is(value, STUB_CA_BUNDLE);
        env[name] = LOCAL_CA_BUNDLE;
      } else {
        throw new Error(`unexpected image Env ${entry}`);
      }
    }
    // The container listens on all of its own interfaces; on this machine that is loopback.
    const args = image!.Cmd.slice(1).map((arg) => arg.replace(/^0\.0\.0\.0:/, '127.0.0.1:'));
    return { args, env };
  }
  if (mode === 'native') {
    const [service] = evalModules([module], 'r: r.systemd.services.isso', PYTHON_NAMES) as { serviceConfig: { ExecStart: string }; environment: Record<string, string> }[];
    const [binary, ...args] = service!.serviceConfig.ExecStart.split(' ');
    assert.is(binary, STUB_GUNICORN);
    writeFileSync(configFile, writtenText(service!.environment.ISSO_SETTINGS!).text);
    assert.equal(Object.keys(service!.environment), ['ISSO_SETTINGS']);
    return { args, env: { ISSO_SETTINGS: configFile } };
  }
  if (mode === 'nixos-container') {
    // The service inside the container, and the store file mounted where its ISSO_SETTINGS points.
    const [inner] = evalModules([module], `r: let c = r.containers.isso; in {
      service = c.config.systemd.services.isso;
      mounted = c.bindMounts.\${c.config.systemd.services.isso.environment.ISSO_SETTINGS}.hostPath;
    }`, PYTHON_NAMES) as { service: { serviceConfig: { ExecStart: string }; environment: Record<string, string> }; mounted: string }[];
    const [binary, ...args] = inner!.service.serviceConfig.ExecStart.split(' ');
    assert.is(binary, STUB_GUNICORN);
    writeFileSync(configFile, writtenText(inner!.mounted).text);
    assert.equal(Object.keys(inner!.service.environment), ['ISSO_SETTINGS']);
    // gunicorn binds the container's end of the veth link; on this machine that is loopback.
    return { args: args.map((arg) => arg.replace(/^192\.168\.247\.11:/, '127.0.0.1:')), env: { ISSO_SETTINGS: configFile } };
  }
  // services.isso runs Isso's own server on [server] listen; the stand-in takes its place there,
  // with the isso.conf the mode writes.
  const [listen] = evalModules([module], 'r: r.services.isso.settings.server.listen', PYTHON_NAMES) as string[];
  writeFileSync(configFile, issoConf);
  return { args: ['--bind', listen!.replace(/^http:\/\//, ''), 'isso.run'], env: { ISSO_SETTINGS: configFile } };
}

/** The rendered server block on this machine: loopback high ports, the sandbox's certificate and directories. */
function localServerBlock(text: string, ports: { http: number; https: number }, dirs: { acme: string; log: string; root: string }): string {
  const { cert, key } = nginxSandbox();
  const mapped = text
    .replace(/^\s*listen \[::0\]:(?:80|443)[^;]*;\n/gm, '')
    .replace(/listen 0\.0\.0\.0:80;/g, `listen 127.0.0.1:${ports.http};`)
    .replace(/listen 0\.0\.0\.0:443 /g, `listen 127.0.0.1:${ports.https} `)
    .replaceAll(`/etc/letsencrypt/live/${DOMAIN}/fullchain.pem`, cert)
    .replaceAll(`/etc/letsencrypt/live/${DOMAIN}/chain.pem`, cert)
    .replaceAll(`/etc/letsencrypt/live/${DOMAIN}/privkey.pem`, key)
    .replaceAll('root /var/lib/acme/acme-challenge;', `root ${dirs.acme};`)
    .replaceAll(`root /data/webserver/${DOMAIN};`, `root ${dirs.root};`)
    .replaceAll(`/var/log/nginx/${DOMAIN}.log`, dirs.log)
    // nixos-container mode proxies to the container's address, which is loopback here.
    .replaceAll('proxy_pass http://192.168.247.11:', 'proxy_pass http://127.0.0.1:');
  assert.not.match(mapped, /listen [^;]*:(?:80|443)[ ;]/, 'a listen on 80/443 was left');
  assert.not.ok(mapped.includes('/etc/letsencrypt/'), 'a certbot path was left');
  return mapped;
}

const live = suite('the rendered deployment, with real gunicorn and nginx');

for (const mode of DEPLOYMENT_MODES) {
  live(`${mode}: nginx forwards to gunicorn, hides cookies, redirects to https, serves ACME challenges, logs anonymously`, async () => {
    const [appPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
    const deployment = resolveDeployment({ ...CURRENT_DEPLOYMENT, port: appPort });
    const module = renderNixosModule(deployment, { mode });
    const plain = renderPlainFiles(deployment, { mode });
    const started: LiveProcess[] = [];
    const work = mkdtempSync(join(tmpdir(), 'nixkit-live-'));
    try {
      const { args, env } = renderedCommand(mode, module, plain.issoConf, work);
      const gunicorn = await startGunicorn(args, env, appPort);
      started.push(gunicorn);

      // The stand-in sets both cookie headers, so their absence behind nginx means nginx hid them.
      const direct = await get(`http://127.0.0.1:${appPort}/direct`, DOMAIN);
      assert.is(direct.status, 200);
      assert.ok(direct.headers['set-cookie'], 'the stand-in sets Set-Cookie');
      assert.ok(direct.headers['x-set-cookie'], 'the stand-in sets X-Set-Cookie');
      const seen = JSON.parse(direct.body) as { settings: Record<string, Record<string, string>>; sslCertFile: string | null };
      assert.is(seen.settings.general!.dbpath, mode === 'container' ? '/db/comments.db' : '/var/lib/isso/comments.db');
      assert.match(seen.settings.general!.host!, /https:\/\/vincent\.bernat\.ch/);
      assert.is(seen.sslCertFile, mode === 'container' ? LOCAL_CA_BUNDLE : null);

      const acme = join(work, 'acme');
      mkdirSync(join(acme, '.well-known', 'acme-challenge'), { recursive: true });
      writeFileSync(join(acme, '.well-known', 'acme-challenge', 'token-123'), 'challenge-answer\n');
      const log = join(work, 'access.log');
      const server = localServerBlock(plain.nginxServer, { http: httpPort, https: httpsPort }, { acme, log, root: join(work, 'root') });
      // nginx's workers run unprivileged and read the challenge file from here.
      chmodSync(work, 0o755);
      const nginx = await startNginx(server, [httpPort, httpsPort]);
      started.push(nginx);

      const proxied = await get(`https://127.0.0.1:${httpsPort}/new?uri=%2Fpost`, DOMAIN);
      assert.is(proxied.status, 200, proxied.body);
      const echo = JSON.parse(proxied.body) as { path: string; headers: Record<string, string> };
      assert.is(echo.path, '/new');
      assert.is(echo.headers.host, DOMAIN);
      assert.is(echo.headers['x-forwarded-for'], '127.0.0.1');
      assert.is(echo.headers['x-forwarded-proto'], 'https');
      assert.is(proxied.headers['set-cookie'], undefined);
      assert.is(proxied.headers['x-set-cookie'], undefined);

      const plainHttp = await get(`http://127.0.0.1:${httpPort}/id/1?x=y`, DOMAIN);
      assert.is(plainHttp.status, 301);
      assert.is(plainHttp.headers.location, `https://${DOMAIN}/id/1?x=y`);

      for (const url of [`http://127.0.0.1:${httpPort}`, `https://127.0.0.1:${httpsPort}`]) {
        const challenge = await get(`${url}/.well-known/acme-challenge/token-123`, DOMAIN);
        assert.is(challenge.status, 200, url);
        assert.is(challenge.body, 'challenge-answer\n', url);
      }

      await nginx.stop();
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      assert.ok(lines.length >= 2, lines.join('\n'));
      for (const line of lines) {
        assert.match(line, /^- - \[[^\]]+\] "GET \/\S* HTTP\/1\.1" \d{3} \d+ "-" "-"$/, line);
        assert.not.ok(line.includes('127.0.0.1'), line);
      }
    } finally {
      for (const process of [...started].reverse()) await process.stop();
      rmSync(work, { recursive: true, force: true });
    }
    assert.is(started.length, 2);
    for (const process of started) assert.ok(isGone(process.pid), `process ${process.pid} still runs`);
  });
}

live.run();
