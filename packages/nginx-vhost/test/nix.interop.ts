import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { print } from '@nixkit/nix-expr';
import { hostileString, HOSTILE_FRAGMENTS, nixEvalJsonOrThrow, nixParseOrThrow, seededRandom } from '../../../tools/test-helpers/index.js';
import { toNginxConf, toNixos, toNixosOptions, toNixosVirtualHosts, validateVhost, type Vhost } from '../src/index.js';
import { articleVhost } from './fixtures.js';
import { cases, testOptions } from './interop-cases.js';
import { readNginxConf, type ConfNode } from './nginx-conf-reader.js';

// Vhosts with hostile location names, proxy targets and header values that validation accepts,
// added to the shared cases so the Nix escaping of nginx-quoted text is exercised.
function hostileCases(count: number): Vhost[] {
  const random = seededRandom(424242);
  const fragments = [...HOSTILE_FRAGMENTS, '$host', '${remote_addr}', '\\.', '\\"', "''", '${', '\\t'];
  const out: Vhost[] = [];
  while (out.length < count) {
    const a = hostileString(random, 6, fragments);
    const b = hostileString(random, 6, fragments);
    const candidate = {
      name: `h${out.length}.example`,
      locations: {
        [`/${a}`]: { priority: out.length % 3 === 0 ? 10 : 1000, proxyPass: 'http://127.0.0.1:9', directives: [{ kind: 'proxy_set_header', name: 'X-A', value: b }] },
        [`~ ${b}`]: { return: { code: 200, text: a } },
        [`= /${b}`]: { proxyPass: `http://127.0.0.1:9/${a}` },
      },
      extraConfig: `# raw ${a}\n`,
    };
    try {
      out.push(validateVhost(candidate));
    } catch {
      // refused values are the nginx interop test's subject; here only accepted ones matter
    }
  }
  return out;
}

const all = [...cases, ...hostileCases(150)];

const nixos = suite('toNixos with nix-instantiate');

nixos('prints the article vhost so Nix parses it and evaluates to the article options', () => {
  const source = print(toNixos(articleVhost));
  nixParseOrThrow(source);
  assert.equal(nixEvalJsonOrThrow(source), toNixosOptions(articleVhost));
  assert.match(source, /proxy_set_header Host \$host;/);
});

nixos('evaluates every case, hostile ones included, to exactly the option values', () => {
  const source = `[\n${all.map((vhost) => print(toNixos(vhost))).join('\n')}\n]`;
  nixParseOrThrow(source);
  assert.equal(nixEvalJsonOrThrow(source), all.map((vhost) => toNixosOptions(vhost)));
});

nixos('toNixosVirtualHosts keys the attrset by vhost name', () => {
  const source = print(toNixosVirtualHosts(cases));
  assert.equal(Object.keys(nixEvalJsonOrThrow(source) as object).sort(), cases.map((v) => v.name).sort());
});

nixos.run();

// What NixOS's default.nix makes of listen, server_name, location order and proxy_pass, written
// for this test in Nix so Nix's own attribute order and stable sort decide the location order.
const MINI_NIXOS = String.raw`
let
  cat = builtins.concatStringsSep "";
  render = o: name: vh:
    let
      flag = f: vh.${"$"}{f} or false;
      hasSSL = flag "addSSL" || flag "onlySSL" || flag "forceSSL";
      addrs = vh.listenAddresses or o.addresses;
      listen = vh.listen or ((if hasSSL then map (addr: { inherit addr; port = o.sslPort; ssl = true; }) addrs else [ ])
        ++ (if flag "onlySSL" then [ ] else map (addr: { inherit addr; port = o.httpPort; ssl = false; }) addrs));
      isSSL = l: l.ssl or false;
      listenLine = l: "listen ${"$"}{l.addr}${"$"}{if (l.port or null) != null then ":${"$"}{toString l.port}" else ""}"
        + (if isSSL l && (vh.http2 or true) then " http2" else "") + (if isSSL l then " ssl" else "")
        + (if flag "default" then " default_server" else "") + (if l.proxyProtocol or false then " proxy_protocol" else "")
        + cat (map (p: " " + p) (l.extraParameters or [ ])) + ";\n";
      serverNameLine = "server_name ${"$"}{builtins.concatStringsSep " " ([ (vh.serverName or name) ] ++ (vh.serverAliases or [ ]))};\n";
      acme = if flag "enableACME" || (vh.useACMEHost or null) != null then "location ^~ /.well-known/acme-challenge/ { }\n" else "";
      locs = builtins.sort (a: b: a.priority < b.priority)
        (map (n: { name = n; priority = vh.locations.${"$"}{n}.priority or 1000; proxyPass = vh.locations.${"$"}{n}.proxyPass or null; })
          (builtins.attrNames (vh.locations or { })));
      locLine = l: "location ${"$"}{l.name} {\n" + (if l.proxyPass != null then "proxy_pass ${"$"}{l.proxyPass};\n" else "") + "}\n";
    in
    (if flag "forceSSL" then "server {\n" + cat (map listenLine (builtins.filter (l: !(isSSL l)) listen)) + serverNameLine + "location / { }\n" + acme + "}\n" else "")
    + "server {\n" + cat (map listenLine (if flag "forceSSL" then builtins.filter isSSL listen else listen)) + serverNameLine + acme + cat (map locLine locs) + "}\n";
in
render
`;

interface ServerShape {
  listen: string[][];
  serverName: string[][];
  locations: { args: string[]; proxyPass: string[][] }[];
}

function shape(nodes: readonly ConfNode[]): ServerShape[] {
  return nodes.filter((n) => n.name === 'server').map((server) => {
    const body = server.block ?? [];
    return {
      listen: body.filter((n) => n.name === 'listen').map((n) => n.args),
      serverName: body.filter((n) => n.name === 'server_name').map((n) => n.args),
      locations: body.filter((n) => n.name === 'location').map((n) => ({ args: n.args, proxyPass: (n.block ?? []).filter((d) => d.name === 'proxy_pass').map((d) => d.args) })),
    };
  });
}

const agree = suite('toNixos and toNginxConf agree');

agree('on listen, server names, locations (in order) and proxy targets, as NixOS would render them', () => {
  const renderings = all.map((vhost, i) => {
    const o = testOptions(i);
    return { vhost, conf: toNginxConf(vhost, o), options: `{ addresses = [ "127.0.0.1" ]; httpPort = ${o.httpPort}; sslPort = ${o.sslPort}; }` };
  });
  const source = `let render = ${MINI_NIXOS}; in [\n${renderings.map((r) => `(render ${r.options} ${JSON.stringify(r.vhost.name).replace(/\$/g, '\\$')} (${print(toNixos(r.vhost))}))`).join('\n')}\n]`;
  const nixosTexts = nixEvalJsonOrThrow(source) as string[];
  assert.is(nixosTexts.length, renderings.length);
  renderings.forEach((r, i) => {
    assert.equal(shape(readNginxConf(r.conf)), shape(readNginxConf(nixosTexts[i]!)), `vhost ${r.vhost.name}:\n${r.conf}\n--- NixOS ---\n${nixosTexts[i]}`);
  });
});

agree.run();
