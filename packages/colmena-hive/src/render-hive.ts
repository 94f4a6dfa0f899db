import { attrs, bind, bool, call, comment, fn, formals, int, list, nul, path, print, ref, str, toNix, v, type NixBindingItem, type NixExpr } from '@nixkit/nix-expr';
import { ColmenaHiveError } from './errors.js';
import type { Hive, HiveDeployment, HiveKey, HiveMeta, HiveNode, NixosModule } from './model.js';
import { validateHive } from './validate-hive.js';

// hive.nix as Colmena reads it (zhaofengli/colmena src/nix/hive/eval.nix at
// 07499a1eaf7ebd96c528cbc7558111d0ca632bfc): `meta`, `defaults` (a module every node imports),
// and one attribute per node whose value is a NixOS module. Each node here is
// `{ imports = [ … ]; deployment = { … }; }`, which keeps the modules as written and puts
// Colmena's options next to them.

/** Options of `toHive` and `toHiveFlake`. */
export interface HiveRenderOptions {
  /** Comment lines at the top of the file. */
  header?: readonly string[];
}

/** Options of `toHiveFlake`. */
export interface HiveFlakeOptions extends HiveRenderOptions {
  /** The `nixpkgs` input; default `github:NixOS/nixpkgs/nixos-unstable`, as Colmena's manual shows. */
  nixpkgsUrl?: string;
  /** The `colmena` input; default `github:zhaofengli/colmena`. */
  colmenaUrl?: string;
  /** The system `meta.nixpkgs` is imported for when the model sets none; default `x86_64-linux`. */
  system?: string;
}

type Form = 'hive' | 'flake';

function moduleExpr(module: NixosModule): NixExpr {
  return typeof module === 'string' ? path(module) : module;
}

function keyExpr(key: HiveKey, where: readonly (string | number)[], form: Form): NixExpr {
  const fields: Record<string, NixExpr> = {};
  if (key.text !== undefined) fields.text = str(key.text);
  if (key.keyFile !== undefined) {
    if (key.keyFile.startsWith('/')) {
      // A string, not a path literal: Nix would copy a path literal's file into the store.
      fields.keyFile = str(key.keyFile);
    } else if (form === 'flake') {
      throw new ColmenaHiveError(
        'is relative; a flake copies its files into the world-readable Nix store, so the flake form takes an absolute keyFile or a keyCommand (Colmena manual, features/keys.md, "Flakes")',
        { path: [...where, 'keyFile'], value: key.keyFile, accepted: 'an absolute path, or keyCommand' },
      );
    } else {
      // toString of a path literal is its absolute location beside hive.nix, never a store copy;
      // Colmena applies toString to keyFile (options.nix, keyType).
      fields.keyFile = path(key.keyFile);
    }
  }
  if (key.keyCommand !== undefined) fields.keyCommand = list(key.keyCommand.map((arg) => str(arg)));
  if (key.destDir !== undefined) fields.destDir = str(key.destDir);
  if (key.user !== undefined) fields.user = str(key.user);
  if (key.group !== undefined) fields.group = str(key.group);
  if (key.permissions !== undefined) fields.permissions = str(key.permissions);
  if (key.uploadAt !== undefined) fields.uploadAt = str(key.uploadAt);
  return attrs(fields);
}

function deploymentExpr(d: HiveDeployment, where: readonly (string | number)[], form: Form): NixExpr {
  const items: NixBindingItem[] = [];
  const nullableText = (value: string | null) => (value === null ? nul() : str(value));
  if (d.targetHost !== undefined) items.push(bind('targetHost', nullableText(d.targetHost)));
  if (d.targetPort !== undefined) items.push(bind('targetPort', d.targetPort === null ? nul() : int(d.targetPort)));
  if (d.targetUser !== undefined) items.push(bind('targetUser', nullableText(d.targetUser)));
  if (d.tags !== undefined) items.push(bind('tags', list(d.tags.map((tag) => str(tag)))));
  for (const flag of ['buildOnTarget', 'allowLocalDeployment', 'replaceUnknownProfiles'] as const) {
    if (d[flag] !== undefined) items.push(bind(flag, bool(d[flag])));
  }
  if (d.privilegeEscalationCommand !== undefined) items.push(bind('privilegeEscalationCommand', list(d.privilegeEscalationCommand.map((arg) => str(arg)))));
  if (d.keys !== undefined) {
    const keys = Object.entries(d.keys).map(([name, key]) => bind([name], keyExpr(key, [...where, 'keys', name], form)));
    items.push(bind('keys', attrs(keys)));
  }
  return attrs(items);
}

function nodeExpr(node: HiveNode, name: string, form: Form): NixExpr {
  const items: NixBindingItem[] = [];
  if (node.modules !== undefined && node.modules.length > 0) items.push(bind('imports', list(node.modules.map(moduleExpr))));
  if (node.deployment !== undefined) items.push(bind('deployment', deploymentExpr(node.deployment, ['nodes', name, 'deployment'], form)));
  return attrs(items);
}

function metaExpr(meta: HiveMeta, form: Form, defaultNixpkgs: NixExpr | undefined): NixExpr | undefined {
  const items: NixBindingItem[] = [];
  if (meta.name !== undefined) items.push(bind('name', str(meta.name)));
  if (meta.description !== undefined) items.push(bind('description', str(meta.description)));
  const nixpkgs = meta.nixpkgs ?? defaultNixpkgs;
  if (form === 'flake' && meta.nixpkgs !== undefined && (meta.nixpkgs.kind === 'path' || meta.nixpkgs.kind === 'searchPath')) {
    // eval.nix (mkNixpkgs) throws for a path in hermetic (flake) evaluation.
    throw new ColmenaHiveError('is a path; a flake hive needs an initialized nixpkgs such as import nixpkgs { system = "x86_64-linux"; }', { path: ['meta', 'nixpkgs'], value: meta.nixpkgs, accepted: 'an initialized nixpkgs, or leave it out' });
  }
  if (nixpkgs !== undefined) items.push(bind('nixpkgs', nixpkgs));
  if (meta.nodeNixpkgs !== undefined) items.push(bind('nodeNixpkgs', attrs(Object.entries(meta.nodeNixpkgs).map(([n, e]) => bind([n], e)))));
  if (meta.specialArgs !== undefined) items.push(bind('specialArgs', toNix(meta.specialArgs)));
  if (meta.nodeSpecialArgs !== undefined) items.push(bind('nodeSpecialArgs', toNix(meta.nodeSpecialArgs)));
  if (meta.machinesFile !== undefined) items.push(bind('machinesFile', str(meta.machinesFile)));
  return items.length === 0 ? undefined : attrs(items);
}

function hiveAttrs(hive: Hive, form: Form, defaultNixpkgs?: NixExpr): NixExpr {
  const items: NixBindingItem[] = [];
  const meta = metaExpr(hive.meta ?? {}, form, defaultNixpkgs);
  if (meta !== undefined) items.push(bind('meta', meta));
  if (hive.defaults !== undefined && hive.defaults.length > 0) items.push(bind('defaults', attrs({ imports: list(hive.defaults.map(moduleExpr)) })));
  for (const [name, node] of Object.entries(hive.nodes)) items.push(bind([name], nodeExpr(node, name, form)));
  return attrs(items);
}

/**
 * The hive as a nix-expr attribute set (what `hive.nix` contains), for callers that compose it
 * further. Validates first; throws `ColmenaHiveError` naming the field.
 */
export function hiveExpr(model: Hive | unknown): NixExpr {
  return hiveAttrs(validateHive(model), 'hive');
}

/**
 * Renders `hive.nix` for `colmena apply` (run next to the file, or with `-f hive.nix`): `meta`,
 * `defaults`, then one module per node importing its modules and setting its `deployment`
 * options. Only fields the model sets are written, so Colmena's defaults apply to the rest.
 * Throws `ColmenaHiveError` naming the field for an invalid model.
 */
export function toHive(model: Hive | unknown, options: HiveRenderOptions = {}): string {
  const expr = hiveAttrs(validateHive(model), 'hive');
  return print(options.header !== undefined && options.header.length > 0 ? comment(expr, ...options.header) : expr);
}

/**
 * Renders the flake form, `flake.nix` with `outputs.colmenaHive = colmena.lib.makeHive { … }`
 * (colmena's flake.nix `lib.makeHive`, evaluated hermetically): `meta.nixpkgs` defaults to
 * `import nixpkgs { system = …; }` because a hermetic hive cannot take a path or `<nixpkgs>`
 * (eval.nix, mkNixpkgs). A relative `keyFile` is refused: the flake would copy it into the store.
 */
export function toHiveFlake(model: Hive | unknown, options: HiveFlakeOptions = {}): string {
  const hive = validateHive(model);
  const system = options.system ?? 'x86_64-linux';
  if (!/^[a-z0-9_]+-[a-z0-9_]+$/.test(system)) throw new ColmenaHiveError('is not a Nix system such as "x86_64-linux"', { path: ['system'], value: system, accepted: 'a system double such as x86_64-linux or aarch64-linux' });
  const defaultNixpkgs = call(v('import'), v('nixpkgs'), attrs({ system: str(system) }));
  const body = hiveAttrs(hive, 'flake', defaultNixpkgs);
  const flake = attrs([
    bind(['inputs', 'nixpkgs', 'url'], str(checkUrl(options.nixpkgsUrl ?? 'github:NixOS/nixpkgs/nixos-unstable', 'nixpkgsUrl'))),
    bind(['inputs', 'colmena', 'url'], str(checkUrl(options.colmenaUrl ?? 'github:zhaofengli/colmena', 'colmenaUrl'))),
    bind('outputs', fn(formals(['nixpkgs', 'colmena'], { ellipsis: true }), attrs([
      bind('colmenaHive', call(ref('colmena.lib.makeHive'), body)),
    ]))),
  ]);
  return print(options.header !== undefined && options.header.length > 0 ? comment(flake, ...options.header) : flake);
}

function checkUrl(url: unknown, field: string): string {
  if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:[^\s"\\$]+$/.test(url)) {
    throw new ColmenaHiveError('is not a flake reference', { path: [field], value: url, accepted: 'a flake URL such as github:NixOS/nixpkgs/nixos-25.11' });
  }
  return url;
}
