import type { AttrKey } from './ast.js';

/**
 * Nix rejects some attribute sets while parsing, not while evaluating: `{ a = 1; a = 2; }`,
 * `{ a = x; a.b = 1; }`, `inherit a; a = 1;`. This replays Nix 2.8's `addAttr` bookkeeping
 * (nested paths create implicit sets; two literal sets for the same name merge) so `parse()`
 * accepts exactly what `nix-instantiate --parse` accepts.
 */

interface AttrDef {
  /** The set this attribute holds, when it is an attribute-set literal (explicit or implicit). */
  nested: AttrModel | undefined;
  inherited: boolean;
  offset: number;
}

export interface AttrModel {
  attrs: Map<string, AttrDef>;
  /** Bindings whose first key is dynamic; `let` rejects them. */
  dynamicCount: number;
}

export function newAttrModel(): AttrModel {
  return { attrs: new Map(), dynamicCount: 0 };
}

/** A duplicate: the attribute path as Nix shows it and where it was first defined. */
export interface Duplicate {
  shown: string;
  firstOffset: number;
}

function show(path: readonly AttrKey[]): string {
  return path.map((key) => (typeof key === 'string' ? key : '"${...}"')).join('.');
}

/** Records `path = value;`. `valueModel` is set when the value is an attribute-set literal. */
export function addAttrPath(
  model: AttrModel,
  path: readonly AttrKey[],
  valueModel: AttrModel | undefined,
  offset: number,
): Duplicate | undefined {
  let current = model;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k]!;
    if (typeof key !== 'string') {
      if (current === model) model.dynamicCount++;
      current = newAttrModel();
      continue;
    }
    const existing = current.attrs.get(key);
    if (existing) {
      if (existing.inherited || !existing.nested) return { shown: show(path), firstOffset: existing.offset };
      current = existing.nested;
    } else {
      const nested = newAttrModel();
      current.attrs.set(key, { nested, inherited: false, offset });
      current = nested;
    }
  }
  const last = path[path.length - 1]!;
  if (typeof last !== 'string') {
    if (current === model) model.dynamicCount++;
    return undefined;
  }
  const existing = current.attrs.get(last);
  if (!existing) {
    current.attrs.set(last, { nested: valueModel, inherited: false, offset });
    return undefined;
  }
  if (existing.nested && valueModel && !existing.inherited) {
    for (const [name, def] of valueModel.attrs) {
      const clash = existing.nested.attrs.get(name);
      if (clash) return { shown: name, firstOffset: clash.offset };
      existing.nested.attrs.set(name, def);
    }
    return undefined;
  }
  return { shown: show(path), firstOffset: existing.offset };
}

/** Records one name of `inherit …;` (`inherited` is false for `inherit (from) …`, as in Nix). */
export function addInherited(model: AttrModel, name: string, inherited: boolean, offset: number): Duplicate | undefined {
  const existing = model.attrs.get(name);
  if (existing) return { shown: name, firstOffset: existing.offset };
  model.attrs.set(name, { nested: undefined, inherited, offset });
  return undefined;
}
