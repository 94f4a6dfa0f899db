import type { NixExpr } from '../../src/ast.js';
import {
  attrs, bind, bool, call, commentBinding, fn, formals, indented, interp, let_, list, recAttrs, ref, str, v, with_,
} from '../../src/builders.js';

// The expressions of the reference article (Isso on NixOS in Docker), built with the builders,
// as one NixOS module.

const strings = (...items: string[]) => list(items.map((item) => str(item)));
const port = v('port');
const issoEnv = v('issoEnv');

export const issoPackage = with_(
  ref('pkgs.python3Packages'),
  call(
    v('buildPythonPackage'),
    recAttrs([
      bind('pname', str('isso')),
      bind('version', str('custom')),
      bind(
        'src',
        call(
          ref('pkgs.fetchFromGitHub'),
          attrs([
            commentBinding(bind('owner', str('vincentbernat')), 'Use my fork'),
            bind('repo', v('pname')),
            bind('rev', str('vbe/master')),
            bind('sha256', str('0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j')),
          ]),
        ),
      ),
      bind(
        'propagatedBuildInputs',
        list(['itsdangerous', 'jinja2', 'misaka', 'html5lib', 'werkzeug', 'bleach', 'flask-caching'].map((name) => v(name))),
      ),
      bind('buildInputs', list([v('cffi')])),
      bind('checkInputs', list([v('nose')])),
      bind('checkPhase', indented(ref('python.interpreter'), ' setup.py nosetests\n')),
    ]),
  ),
);

export const issoEnvExpr = call(
  ref('pkgs.python3.buildEnv.override'),
  attrs({
    extraLibs: list([v('issoPackage'), ref('pkgs.python3Packages.gunicorn'), ref('pkgs.python3Packages.gevent')]),
  }),
);

export const issoConfig = call(
  ref('pkgs.writeText'),
  str('isso.conf'),
  str(
    '[general]\ndbpath = /db/comments.db\nhost =\n  https://vincent.bernat.ch\n  http://localhost:8080\nnotify = smtp\n',
  ),
);

export const issoDockerImage = call(
  ref('pkgs.dockerTools.buildImage'),
  attrs({
    name: str('isso'),
    tag: str('latest'),
    extraCommands: str('mkdir -p db\n'),
    config: attrs({
      Cmd: list([
        interp`${issoEnv}/bin/gunicorn`,
        ...['--name', 'isso', '--bind'].map((item) => str(item)),
        interp`0.0.0.0:${port}`,
        ...['--worker-class', 'gevent', '--workers', '2', '--worker-tmp-dir', '/dev/shm', '--preload', 'isso.run'].map(
          (item) => str(item),
        ),
      ]),
      Env: list([interp`ISSO_SETTINGS=${v('issoConfig')}`, interp`SSL_CERT_FILE=${ref('pkgs.cacert')}/etc/ssl/certs/ca-bundle.crt`]),
    }),
  }),
);

const proxyConfig = [
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header Host $host;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
  'proxy_hide_header Set-Cookie;',
  'proxy_hide_header X-Set-Cookie;',
  'proxy_ignore_headers Set-Cookie;',
].join('\n');

export const issoModule: NixExpr = fn(
  formals(['config', 'lib', 'pkgs'], { ellipsis: true }),
  let_(
    [
      bind('port', str('8080')),
      bind('issoPackage', issoPackage),
      bind('issoEnv', issoEnvExpr),
      bind('issoConfig', issoConfig),
      bind('issoDockerImage', issoDockerImage),
    ],
    attrs([
      bind(
        ['virtualisation', 'oci-containers'],
        attrs({
          backend: str('podman'),
          containers: attrs({
            isso: attrs({
              image: str('isso'),
              imageFile: v('issoDockerImage'),
              ports: list([interp`127.0.0.1:${port}:${port}`]),
              volumes: strings('/var/db/isso:/db'),
            }),
          }),
        }),
      ),
      bind(
        ['services', 'nginx', 'virtualHosts', 'comments.luffy.cx'],
        attrs([
          bind('root', str('/data/webserver/comments.luffy.cx')),
          bind('enableACME', bool(true)),
          bind('forceSSL', bool(true)),
          bind('extraConfig', str('access_log /var/log/nginx/comments.luffy.cx.log anonymous;\n')),
          bind(
            ['locations', '/'],
            attrs({ proxyPass: interp`http://127.0.0.1:${port}`, extraConfig: str(`${proxyConfig}\n`) }),
          ),
        ]),
      ),
      bind(
        ['security', 'acme', 'certs', 'comments.luffy.cx'],
        attrs({ email: call(ref('lib.concatStringsSep'), str('@'), strings('letsencrypt', 'vincent.bernat.ch')) }),
      ),
    ]),
  ),
);
