import type { UnitReader } from './apply-key.js';
import { cutKeyValue } from './cut-marker.js';
import { parseTreeLine } from './parse-cgroup-line.js';

const BRANCH = /^(?:[├└]─|[|`+\\]-) ?/;

/**
 * Adds a line that continues the previous key: a CGroup tree entry, another Docs URL, a Drop-In
 * file list (`└─a.conf, b.conf`) or directory, another triggering unit, a `ConditionFoo=… was
 * not met` detail. Returns false when the line does not fit the previous key.
 */
export function applyContinuation(reader: UnitReader, line: string): boolean {
  const { unit, lastKey } = reader;
  if (lastKey === 'CGroup') {
    const tree = parseTreeLine(line);
    if (tree === null) return false;
    reader.treeBase ??= tree.column;
    const depth = Math.max(0, Math.round((tree.column - reader.treeBase) / 2));
    const index = unit.cgroupTree.length;
    if (tree.kind === 'process') unit.cgroupTree.push({ kind: 'process', pid: tree.pid, command: tree.text, depth, extra: tree.extra });
    else unit.cgroupTree.push({ kind: 'cgroup', name: tree.text, depth });
    if (tree.cut) unit.truncated.push(`cgroupTree.${index}.${tree.kind === 'process' ? 'command' : 'name'}`);
    return true;
  }
  const trimmed = line.trim();
  if (trimmed === '') return false;
  const { text, cut } = cutKeyValue(trimmed);
  switch (lastKey) {
    case 'Docs':
      unit.docs.push(text);
      if (cut) unit.truncated.push(`docs.${unit.docs.length - 1}`);
      return true;
    case 'TriggeredBy':
    case 'Triggers': {
      const list = lastKey === 'Triggers' ? unit.triggers : unit.triggeredBy;
      const space = text.indexOf(' ');
      list.push(space > 0 && space <= 3 ? text.slice(space + 1) : text);
      if (cut) unit.truncated.push(`${lastKey === 'Triggers' ? 'triggers' : 'triggeredBy'}.${list.length - 1}`);
      return true;
    }
    case 'Drop-In': {
      const branch = BRANCH.exec(text);
      const index = unit.dropIns.length - 1;
      const current = unit.dropIns[index];
      if (branch && current) {
        const files = text.slice(branch[0].length).split(', ');
        for (const file of files) current.files.push(file);
        if (cut) unit.truncated.push(`dropIns.${index}.files.${current.files.length - 1}`);
      } else if (text.startsWith('/')) {
        unit.dropIns.push({ directory: text, files: [] });
        if (cut) unit.truncated.push(`dropIns.${index + 1}.directory`);
      } else {
        // Drop-in directories are absolute paths; anything else (`...` elisions) is not ours.
        return false;
      }
      return true;
    }
    case 'Condition':
    case 'Assert': {
      const check = lastKey === 'Condition' ? unit.condition : unit.assert;
      if (!check) return false;
      const branch = BRANCH.exec(text);
      check.details.push(branch ? text.slice(branch[0].length) : text);
      if (cut) unit.truncated.push(`${lastKey.toLowerCase()}.details.${check.details.length - 1}`);
      return true;
    }
    default:
      return false;
  }
}
