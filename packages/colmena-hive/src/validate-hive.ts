import { NixExprError, isNixExpr, toNix, type NixExpr } from '@nixkit/nix-expr';
import { ColmenaHiveError } from './errors.js';
import type { Hive, HiveMeta, HiveNode, NixosModule } from './model.js';
import { NODE_NAME, RELATIVE_PATH, RESERVED_NODE_NAMES } from './names.js';
import { describe, expectArray, expectObject, expectString, fail, optional, type Path } from './shape.js';
import { validateDeployment } from './validate-deployment.js';
import { absolutePath } from './validate-key.js';

const HIVE_FIELDS = ['meta', 'defaults', 'nodes'] as const satisfies readonly (keyof Hive)[];
const NODE_FIELDS = ['deployment', 'modules'] as const satisfies readonly (keyof HiveNode)[];
const META_FIELDS = ['name', 'description', 'nixpkgs', 'nodeNixpkgs', 'specialArgs', 'nodeSpecialArgs', 'machinesFile'] as const satisfies readonly (keyof HiveMeta)[];

function expectExpr(value: unknown, path: Path): NixExpr {
  if (!isNixExpr(value)) fail(path, value, `must be a Nix expression node from @nixkit/nix-expr, got ${describe(value)}`, 'a node such as searchPath("nixpkgs")');
  return value;
}

/** A module: a nix-expr node, or a file to import. */
export function validateModule(value: unknown, path: Path): NixosModule {
  if (isNixExpr(value)) return value;
  const text = expectString(value, path, undefined, 'a nix-expr node or a path such as "./hosts/web1/isso.nix"');
  if (text.startsWith('/')) return absolutePath(text, path);
  return expectString(text, path, RELATIVE_PATH, 'a nix-expr node, an absolute path, or a path starting with ./ or ../ of [A-Za-z0-9_.@+-] segments');
}

export function nodeName(name: string, path: Path): string {
  if (RESERVED_NODE_NAMES.includes(name)) fail(path, name, `"${name}" is reserved by Colmena for the hive itself`, 'a node name other than defaults, network, meta');
  if (!NODE_NAME.test(name)) fail(path, name, `node name ${JSON.stringify(name)} is not a host name`, 'a host name of letters, digits and hyphens, labels joined by dots');
  return name;
}

/** Plain data (or nix-expr nodes inside it) that `toNix` can render: no NaN, functions or cycles. */
function nixData(value: unknown, path: Path): unknown {
  try {
    toNix(value);
  } catch (error) {
    if (error instanceof NixExprError) throw new ColmenaHiveError(error.message.replace(/ at \S+$/, ''), { path: [...path, ...error.path], value: error.value, accepted: 'JSON-like data or nix-expr nodes' });
    throw error;
  }
  return value;
}

function recordOf<T>(value: unknown, path: Path, read: (value: unknown, path: Path) => T, checkName?: (name: string, path: Path) => string): Record<string, T> {
  const record = expectObject(value, path, null);
  const entries: [string, T][] = [];
  for (const [name, item] of Object.entries(record)) {
    if (checkName !== undefined) checkName(name, [...path, name]);
    entries.push([name, read(item, [...path, name])]);
  }
  return Object.fromEntries(entries) as Record<string, T>;
}

function validateMeta(value: unknown, path: Path, nodes: readonly string[]): HiveMeta {
  const o = expectObject(value, path, META_FIELDS);
  const meta: HiveMeta = {};
  for (const field of ['name', 'description'] as const) {
    const text = optional(o, field, path, (x, p) => expectString(x, p));
    if (text !== undefined) meta[field] = text;
  }
  const known = (name: string, p: Path) => {
    if (!nodes.includes(name)) fail(p, name, `names no node of the hive`, `one of ${nodes.join(', ') || '(no nodes)'}`);
    return name;
  };
  const nixpkgs = optional(o, 'nixpkgs', path, expectExpr);
  if (nixpkgs !== undefined) meta.nixpkgs = nixpkgs;
  const nodeNixpkgs = optional(o, 'nodeNixpkgs', path, (x, p) => recordOf(x, p, expectExpr, known));
  if (nodeNixpkgs !== undefined) meta.nodeNixpkgs = nodeNixpkgs;
  const specialArgs = optional(o, 'specialArgs', path, (x, p) => recordOf(x, p, nixData));
  if (specialArgs !== undefined) meta.specialArgs = specialArgs;
  const nodeSpecialArgs = optional(o, 'nodeSpecialArgs', path, (x, p) => recordOf(x, p, (y, q) => recordOf(y, q, nixData), known));
  if (nodeSpecialArgs !== undefined) meta.nodeSpecialArgs = nodeSpecialArgs;
  const machinesFile = optional(o, 'machinesFile', path, absolutePath);
  if (machinesFile !== undefined) meta.machinesFile = machinesFile;
  return meta;
}

function validateNode(value: unknown, path: Path): HiveNode {
  const o = expectObject(value, path, NODE_FIELDS);
  const node: HiveNode = {};
  const deployment = optional(o, 'deployment', path, validateDeployment);
  if (deployment !== undefined) node.deployment = deployment;
  const modules = optional(o, 'modules', path, (x, p) => expectArray(x, p, validateModule));
  if (modules !== undefined) node.modules = modules;
  return node;
}

/**
 * Checks a hive model (typed, or built from JSON) and returns a copy holding only what was
 * checked. Every error is a `ColmenaHiveError` whose path names the field: unknown fields, wrong
 * types, NaN, cycles in data, node names Colmena reserves or ssh could not reach, keys without
 * exactly one source, relative `destDir`, permissions that are not octal, bad user or group names.
 */
export function validateHive(value: unknown): Hive {
  const o = expectObject(value, [], HIVE_FIELDS);
  if (o.nodes === undefined) fail(['nodes'], undefined, 'is required', 'an object of nodes by name');
  const nodes = recordOf(o.nodes, ['nodes'], validateNode, nodeName);
  const hive: Hive = { nodes };
  const meta = optional(o, 'meta', [], (x, p) => validateMeta(x, p, Object.keys(nodes)));
  if (meta !== undefined) hive.meta = meta;
  const defaults = optional(o, 'defaults', [], (x, p) => expectArray(x, p, validateModule));
  if (defaults !== undefined) hive.defaults = defaults;
  return hive;
}
