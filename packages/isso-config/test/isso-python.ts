/**
 * The oracle for interop tests: Python's real configparser, constructed as Isso constructs it,
 * plus Isso's own reading rules re-implemented in the script (timedelta-first getint, getlist
 * splitting on commas, getiter splitting on newlines, os.path.expandvars from 0.14.0 on).
 * Each case is read through `io.StringIO(text, newline=None)`, which splits lines exactly as
 * Isso's `open(path)` does (universal newlines: \n, \r\n and \r; not U+2028 or U+0085).
 */
import { runPythonJson } from '../../../tools/test-helpers/index.js';
import type { IssoValueKind } from '../src/index.js';

export interface PythonCase {
  readonly text: string;
  /** Isso < 0.12.6 used configparser's default BasicInterpolation. */
  readonly interpolation: boolean;
  /** Isso ≥ 0.14.0 passes values through os.path.expandvars. */
  readonly expand: boolean;
  /** Values of variables; any other name expands to `<expanded:NAME>` so stray `$NAME` shows. */
  readonly env: Readonly<Record<string, string>>;
  /** How to read each key: section → key → kind. Keys not listed are returned raw. */
  readonly kinds: Readonly<Record<string, Readonly<Record<string, IssoValueKind>>>>;
}

export type TypedRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export type PythonResult =
  | {
      readonly ok: true;
      /** Sections in file order with raw values (null for a bare key), DEFAULT excluded. */
      readonly sections: [string, [string, string | null][]][];
      readonly defaults: [string, string | null][];
      /** Typed reads of the keys named in `kinds` that exist in the file. */
      readonly typed: Record<string, Record<string, TypedRead>>;
    }
  | { readonly ok: false; readonly error: string; readonly message: string };

const SCRIPT = String.raw`
import configparser, datetime, io, json, os, re, sys

TIMEDELTA = re.compile(r'((?P<w>\d+)w ?)?((?P<d>\d+)d ?)?((?P<h>\d+)h ?)?((?P<m>\d+)m ?)?((?P<s>\d+)s ?)?')

def timedelta_seconds(text):
    parts = TIMEDELTA.match(text).groupdict(default='0')
    delta = datetime.timedelta(weeks=int(parts['w']), days=int(parts['d']), hours=int(parts['h']),
                               minutes=int(parts['m']), seconds=int(parts['s']))
    if delta == datetime.timedelta():
        raise ValueError('invalid human-readable timedelta')
    return int(delta.total_seconds())

class TrapEnviron(dict):
    def __init__(self, known):
        super().__init__()
        self.known = known
    def __getitem__(self, name):
        return self.known.get(name, '<expanded:' + name + '>')

class IssoLikeParser(configparser.ConfigParser):
    expand = False
    env = {}
    def get(self, section, option, **kwargs):
        value = super().get(section, option, **kwargs)
        if self.expand and isinstance(value, str):
            saved = os.environ
            os.environ = TrapEnviron(self.env)
            try:
                value = os.path.expandvars(value)
            finally:
                os.environ = saved
        return value
    def getint(self, section, option, **kwargs):
        try:
            return timedelta_seconds(self.get(section, option))
        except ValueError:
            return int(self.get(section, option))
    def getlist(self, section, option):
        return [item.strip() for item in self.get(section, option).split(',')]
    def getiter(self, section, option):
        return [item.strip() for item in self.get(section, option).split('\n') if item.strip()]

READERS = {
    'string': lambda cp, s, k: cp.get(s, k),
    'enum': lambda cp, s, k: cp.get(s, k),
    'bool': lambda cp, s, k: cp.getboolean(s, k),
    'int': lambda cp, s, k: cp.getint(s, k),
    'duration': lambda cp, s, k: cp.getint(s, k),
    'comma-list': lambda cp, s, k: cp.getlist(s, k),
    'newline-list': lambda cp, s, k: cp.getiter(s, k),
}

def run(case):
    if case['interpolation']:
        cp = IssoLikeParser(allow_no_value=True)
    else:
        cp = IssoLikeParser(allow_no_value=True, interpolation=None)
    cp.expand = case['expand']
    cp.env = case['env']
    try:
        cp.read_file(io.StringIO(case['text'], newline=None))
    except Exception as e:
        return {'ok': False, 'error': type(e).__name__, 'message': str(e)}
    sections = [[s, [[k, v] for k, v in cp._sections[s].items()]] for s in cp.sections()]
    defaults = [[k, v] for k, v in cp._defaults.items()]
    typed = {}
    for section, keys in case['kinds'].items():
        if not cp.has_section(section):
            continue
        for key, kind in keys.items():
            if key not in cp._sections[section]:
                continue
            try:
                typed.setdefault(section, {})[key] = {'ok': True, 'value': READERS[kind](cp, section, key)}
            except Exception as e:
                typed.setdefault(section, {})[key] = {'ok': False, 'error': type(e).__name__}
    return {'ok': True, 'sections': sections, 'defaults': defaults, 'typed': typed}

print(json.dumps([run(case) for case in json.load(sys.stdin)]))
`;

/** Reads every case with Python in one process. */
export function readWithPython(cases: readonly PythonCase[]): PythonResult[] {
  return runPythonJson(SCRIPT, JSON.stringify(cases)) as PythonResult[];
}
