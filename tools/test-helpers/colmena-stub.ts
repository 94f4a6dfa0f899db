import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// A stand-in for Colmena's hive evaluation (zhaofengli/colmena src/nix/hive/eval.nix at
// 07499a1eaf7ebd96c528cbc7558111d0ca632bfc) that runs under plain nix-instantiate without
// nixpkgs: every attribute but `meta`, `defaults` and `network` is a node; a node's modules are
// `defaults` plus the node (or the list it is), with `imports` followed; module functions get
// `name`, `nodes`, the given arguments and `meta.specialArgs`. Definitions are merged the way
// the NixOS module system merges plain options: attribute sets recursively, lists concatenated,
// equal values kept, and two different values for one option are an error naming the option.
// Colmena's `deployment` options are checked against its declarations (options.nix,
// deploymentOptions and keyType) and its assertion of exactly one key source (modules.nix).

const DEPLOYMENT_OPTIONS = ['targetHost', 'targetPort', 'targetUser', 'allowLocalDeployment', 'buildOnTarget', 'tags', 'keys', 'replaceUnknownProfiles', 'privilegeEscalationCommand'];
const KEY_OPTIONS = ['name', 'text', 'keyFile', 'keyCommand', 'destDir', 'path', 'user', 'group', 'permissions', 'uploadAt'];

const nixList = (items: readonly string[]) => `[ ${items.map((item) => JSON.stringify(item)).join(' ')} ]`;

/**
 * Nix source of a function `hive: { <node> = <merged config>; … }`. `moduleArgs` is a Nix
 * attribute set expression (e.g. `{ pkgs = …; lib = …; }`) passed to every module function; its
 * `config`, when it has one, stands in for the node's own configuration (e.g. a stub
 * `system.stateVersion` that a NixOS container's config copies from its host), else `{ }`.
 */
export function colmenaStubEvaluator(moduleArgs = '{ }'): string {
  return `hive: let
  reserved = [ "meta" "defaults" "network" ];
  raw = if builtins.isFunction hive then hive { } else hive;
  meta = raw.meta or { };
  expand = args: m: let
      loaded = if builtins.isPath m || builtins.isString m then import m else m;
      value = if builtins.isFunction loaded then loaded args else loaded;
    in [ (removeAttrs value [ "imports" ]) ] ++ builtins.concatMap (expand args) (value.imports or [ ]);
  isLeaf = x: !(builtins.isAttrs x) || x ? outPath;
  same = a: b: if builtins.isAttrs a && a ? outPath && builtins.isAttrs b && b ? outPath then a.outPath == b.outPath else a == b;
  merge = path: a: b:
    if !(isLeaf a) && !(isLeaf b) then a // builtins.mapAttrs (n: bv: if a ? \${n} then merge (path ++ [ n ]) a.\${n} bv else bv) b
    else if builtins.isList a && builtins.isList b then a ++ b
    else if same a b then a
    else throw "The option \`\${builtins.concatStringsSep "." path}' has conflicting definition values";
  checkKey = node: name: k: let
      unknown = builtins.filter (f: !(builtins.elem f ${nixList(KEY_OPTIONS)})) (builtins.attrNames k);
      sources = builtins.filter (f: (k.\${f} or null) != null) [ "text" "keyCommand" "keyFile" ];
    in if unknown != [ ] then throw "\${node}.deployment.keys.\${name}: no such option \${builtins.head unknown}"
    else if builtins.length sources != 1 then throw "Exactly one of \`\${node}.deployment.keys.\${name}.text\`, \`keyCommand\` and \`keyFile\` must be set."
    else k // (if k ? keyFile then { keyFile = toString k.keyFile; } else { });
  checkDeployment = node: d: let
      unknown = builtins.filter (f: !(builtins.elem f ${nixList(DEPLOYMENT_OPTIONS)})) (builtins.attrNames d);
    in if unknown != [ ] then throw "\${node}: the option deployment.\${builtins.head unknown} does not exist"
    else d // (if d ? keys then { keys = builtins.mapAttrs (checkKey node) d.keys; } else { });
  nodeNames = builtins.filter (n: !(builtins.elem n reserved)) (builtins.attrNames raw);
  evalNode = name: let
      given = (${moduleArgs});
      args = given // (meta.specialArgs or { }) // ((meta.nodeSpecialArgs or { }).\${name} or { }) // { inherit name; nodes = { }; config = given.config or { }; };
      own = raw.\${name};
      defs = builtins.concatMap (expand args) ([ (raw.defaults or { }) ] ++ (if builtins.isList own then own else [ own ]));
      config = builtins.foldl' (merge [ ]) { } defs;
    in config // { deployment = checkDeployment name (config.deployment or { }); };
in builtins.listToAttrs (map (name: { inherit name; value = evalNode name; }) nodeNames)`;
}

/** A scratch directory holding `files` (relative path → text); `remove()` deletes it. */
export function scratchFiles(files: Readonly<Record<string, string>>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-hive-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
