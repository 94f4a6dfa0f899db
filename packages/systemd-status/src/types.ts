/**
 * The data model of a parsed `systemctl status` / `systemctl show` output. Plain objects only, so a
 * result survives `JSON.stringify` (dates become ISO strings) and structured cloning.
 *
 * Truncation design: every unit carries one `truncated` list of field paths (`loaded.path`,
 * `processes.0.command`, `journal.3.message`). A path is listed when the text of that field was
 * cut off — by a pager (`>` or `$` in the last column), by systemd's own ellipsizing (`…`, `...`)
 * or because the line ended before the field's closing syntax. The field keeps the text that
 * survived, without the cut marker; fields that would have followed on the same line are `null`.
 */

/** What the header glyph says about the unit, as far as a glyph can say it. */
export type GlyphState =
  /** `●` or `*`: active — or, before systemd v248, any state (the dot was the only glyph). */
  | 'dot'
  /** `○`: inactive or maintenance (v248+). */
  | 'inactive'
  /** `×` or `x`: failed. */
  | 'failed'
  /** `↻`: reloading or refreshing. */
  | 'reloading'
  /** A glyph was printed but is mangled (`?`, `â—`, `•`). */
  | 'unknown';

/** A timestamp as printed (`Sun 2020-11-01 16:04:16 UTC`) with its parse. */
export interface Timestamp {
  /** The timestamp text without the relative part. */
  raw: string;
  /** The instant, or `null` when the zone is unknown/ambiguous or the text is cut or malformed. */
  date: Date | null;
  /** The relative part (`4min 44s ago`, `2h left`), or `null` when absent. */
  relative: string | null;
}

/** One `Drop-In:` directory and the files listed below it. */
export interface DropIn {
  directory: string;
  files: string[];
}

/** How a process ended: `(code=exited, status=1/FAILURE)` or `(code=killed, signal=KILL)`. */
export interface ExitStatus {
  /** `exited`, `killed`, `dumped` (rarely `trapped`, `stopped`, `continued`). */
  code: string | null;
  /** Numeric exit status, for `code=exited`. */
  status: number | null;
  /** Symbolic name of the exit status (`FAILURE`, `EXEC`), when printed. */
  statusName: string | null;
  /** Signal name without `SIG` (`KILL`, `TERM`), for killed/dumped processes. */
  signal: string | null;
}

/** One `Process:` line: a command that ran and exited. */
export interface ProcessLine extends ExitStatus {
  pid: number | null;
  /** `ExecStartPre`, `ExecStart`, `ExecStop`, `ExecMount`, … */
  kind: string | null;
  /** The command line as printed. */
  command: string;
}

/** One `Listen:` line of a socket unit. */
export interface ListenAddress {
  address: string;
  /** `Stream`, `Datagram`, `SequentialPacket`, `FIFO`, `Netlink`, … */
  type: string | null;
}

/** A byte size as printed (`221.3M`) and in bytes (`null` for `infinity` or garbage). */
export interface ByteSize {
  raw: string;
  bytes: number | null;
}

/** One detail of the `Memory:` line, e.g. `{ name: 'swap max', raw: '2G', bytes: 2147483648 }`. */
export interface MemoryDetail extends ByteSize {
  /** The label without the colon: `limit`, `min`, `low`, `high`, `max`, `swap max`, `peak`, `swap`, `swap peak`, `zswap`, `available`, `high (startup)`, … */
  name: string;
}

/**
 * The `Memory:` line: every detail in `details`, in print order, and the ones callers need most
 * as typed fields (`null` when not printed). `peak`, `swap`, `swapPeak` and `zswap` appear from
 * systemd v255; `available` from v249 (from v255 only when `high` or `max` is set).
 */
export interface Memory extends ByteSize {
  details: MemoryDetail[];
  /** Highest memory use of the current run (`peak:`, v255+). */
  peak: ByteSize | null;
  /** Swap in use (`swap:`, v255+; printed only once the unit has used swap). */
  swap: ByteSize | null;
  /** Highest swap use (`swap peak:`, v255+). */
  swapPeak: ByteSize | null;
  /** Compressed swap in use (`zswap:`, v255+; printed only when non-zero). */
  zswap: ByteSize | null;
  /** Memory left before the tightest limit (`available:`). */
  available: ByteSize | null;
  /** `MemoryHigh=` (`high:`); `bytes: null` for `infinity`. */
  high: ByteSize | null;
  /** `MemoryMax=` (`max:`). */
  max: ByteSize | null;
  /** `MemoryLimit=` of cgroup v1 (`limit:`). */
  limit: ByteSize | null;
}

/** The `Error:` line: the error a service reported with `sd_notify()` (ERRNO=, BUSERROR=, VARLINKERROR=). */
export interface StatusError {
  /** The errno (`2` in `2 (No such file or directory)` or `code: 2 (…)`). */
  code: number | null;
  /** strerror() text as printed; translated in non-English locales. */
  message: string | null;
  /** D-Bus error name (`D-Bus: org.freedesktop.DBus.Error.AccessDenied`, v257+). */
  dbus: string | null;
  /** Varlink error name (`Varlink: io.systemd.…`, v257+). */
  varlink: string | null;
}

/** The `Act. Units:` line of a slice (v258+): active units and the slice's concurrency limits. */
export interface ActiveUnits {
  count: number | null;
  /** `ConcurrencySoftMax=`, printed only when below the hard limit. */
  softLimit: number | null;
  /** `ConcurrencyHardMax=`. */
  hardLimit: number | null;
  /** The limit on units activating at once (`activating limit:`, newer than v258). */
  activatingLimit: number | null;
}

/** An entry of the CGroup tree: a process or a sub-cgroup heading. */
export type CgroupNode =
  | {
      kind: 'process';
      pid: number;
      command: string;
      /** 0 for entries directly below the unit's cgroup, one more per nested sub-cgroup. */
      depth: number;
      /** `‣` entries: the unit's main/control process living outside its cgroup. */
      extra: boolean;
    }
  | { kind: 'cgroup'; name: string; depth: number };

/** A `Condition:` / `Assert:` line and the `ConditionFoo=… was not met` lines below it. */
export interface ConditionCheck {
  /** The text after the key (`start condition failed at …`). */
  raw: string;
  timestamp: Timestamp | null;
  details: string[];
}

/** One journal line below the unit block. */
export interface JournalEntry {
  /** 1-based line number in the input. */
  line: number;
  /** The timestamp text as printed (`nov. 01 16:04:17`, `2020-11-01T16:04:17+0000`). */
  timestamp: string;
  /**
   * The instant when it is unambiguous: always for ISO, full and unix formats; for the default
   * `short` format only when both the year and the UTC offset are known (see `ParseOptions`).
   */
  date: Date | null;
  /** Month 1–12 from the (possibly localised) month name; `null` when unknown. */
  month: number | null;
  day: number | null;
  /** `HH:MM:SS` with optional `.ffffff`. */
  time: string | null;
  host: string | null;
  identifier: string | null;
  pid: number | null;
  /** The message; continuation lines of multi-line messages are joined with `\n`. */
  message: string;
}

/** A line the parser could not place, with its 1-based line number. */
export interface Diagnostic {
  line: number;
  text: string;
  reason: string;
}

/** Fields of the `systemctl status` header of the manager itself (`systemctl status` without a unit). */
export interface ManagerStatus {
  state: string | null;
  units: string | null;
  jobs: string | null;
  failed: string | null;
  since: Timestamp | null;
  version: string | null;
  tainted: string | null;
}

/**
 * The state fields shared by `parseStatus` and `parseShow` results; `summarize` needs only these.
 */
export interface UnitStateFields {
  name: string | null;
  description: string | null;
  loadState: string | null;
  loadError: string | null;
  unitFilePath: string | null;
  unitFileState: string | null;
  preset: string | null;
  activeState: string | null;
  /** Equal to `activeState` when `status` omitted it, as systemd does when both are the same. */
  subState: string | null;
  /** `null` on success (`status` prints no result then; `parseShow` maps `success` to `null`). */
  result: string | null;
  since: Timestamp | null;
  mainPid: number | null;
  mainProcess: string | null;
  mainExit: ExitStatus | null;
  controlPid: number | null;
  statusText: string | null;
  tasks: number | null;
  tasksLimit: number | null;
  memory: Memory | null;
  cpuMs: number | null;
  cgroup: string | null;
  triggers: string[];
  triggeredBy: string[];
  docs: string[];
  /** The invocation ID as printed (`Invocation:` in status v256+, `InvocationID=` in show). */
  invocation: string | null;
  /** The invocation ID when it is 32 hex digits, lower-cased; `null` otherwise. */
  invocationId: string | null;
  processes: ProcessLine[];
}

/** One unit block of `systemctl status` output. */
export interface SystemdUnitStatus extends UnitStateFields {
  /** 1-based line number where the block starts. */
  line: number;
  /** The header glyph as printed, `null` when the header had none (pre-v212 or pasted without). */
  glyph: string | null;
  glyphState: GlyphState | null;
  /** `Follows:` / `Follow:` target unit. */
  follows: string | null;
  transient: boolean;
  dropIns: DropIn[];
  freezerState: string | null;
  until: Timestamp | null;
  duration: string | null;
  /** The `Job:` line as printed (v257+). */
  job: string | null;
  /** The id of the job queued for the unit (`Job: 4711`, v257+), `null` when none is shown. */
  jobId: number | null;
  /** Next elapse of a timer (`Trigger:`); `null` date for `n/a`. */
  trigger: Timestamp | null;
  condition: ConditionCheck | null;
  assert: ConditionCheck | null;
  device: string | null;
  where: string | null;
  what: string | null;
  listen: ListenAddress[];
  accepted: { accepted: number | null; connected: number | null; refused: number | null } | null;
  controlProcess: string | null;
  /** The `Error:` line as printed. */
  error: string | null;
  /** The `Error:` line read into its parts. */
  statusError: StatusError | null;
  /** `Act. Units:` of a slice (v258). */
  activeUnits: ActiveUnits | null;
  ip: { in: ByteSize; out: ByteSize } | null;
  io: { read: ByteSize; written: ByteSize } | null;
  /** `FD Store: N (limit: M)` (v254+): file descriptors held for the service and `FileDescriptorStoreMax=`. */
  fdStore: { count: number | null; limit: number | null } | null;
  memPeak: { peak: ByteSize; swap: ByteSize | null } | null;
  /** `CPU:` as printed. */
  cpu: string | null;
  cgroupTree: CgroupNode[];
  journal: JournalEntry[];
  /** `Warning:`/`Notice:` lines that belong to this unit (changed on disk, journal rotated). */
  warnings: string[];
  /** A "changed on disk, run daemon-reload" warning was printed for this unit. */
  changedOnDisk: boolean;
  /** Manager status fields when the block is `systemctl status` without a unit, else `null`. */
  manager: ManagerStatus | null;
  /** Field paths whose text was cut off (see the module comment). */
  truncated: string[];
  diagnostics: Diagnostic[];
}

/** Everything `parseStatusOutput` read: units plus lines that belong to no unit. */
export interface StatusOutput {
  units: SystemdUnitStatus[];
  /** `Hint:` lines and warnings printed outside any unit block. */
  notices: string[];
  /** True when a `Hint: Some lines were ellipsized` line was seen. */
  ellipsized: boolean;
  /** Unrecognized lines outside any unit block. */
  diagnostics: Diagnostic[];
}

/** One unit of `systemctl show` output. */
export interface SystemdUnitShow extends UnitStateFields {
  /** Every property as printed, including those not mapped to a typed field. */
  properties: Record<string, string>;
  dropIns: string[];
  nRestarts: number | null;
  ip: { in: number | null; out: number | null } | null;
  io: { read: number | null; written: number | null } | null;
  diagnostics: Diagnostic[];
}

/** Options for `parseStatus`, `parseStatusOutput` and `parseShow`. */
export interface ParseOptions {
  /**
   * When the output was captured (or any instant up to a few months later). Gives journal lines
   * in the default `short` format their year: the latest year that does not put the entry more
   * than a day after this date.
   */
  referenceDate?: Date;
  /**
   * The machine's UTC offset in minutes (east positive) for journal `short` timestamps. Without
   * it the offset is taken from the unit's own timestamps when they are in UTC or a numeric zone.
   */
  utcOffsetMinutes?: number;
  /**
   * Extra or overriding zone abbreviations (`{ PST: -480 }`, minutes east of UTC) for zones the
   * built-in table leaves ambiguous (CST, IST, BST, AST, PST, PDT, …).
   */
  timeZones?: Readonly<Record<string, number>>;
  /** Incremented by the number of characters the parser examines; for linear-time checks. */
  meter?: { operations: number };
  /**
   * How journal entries of the `short` formats are built. `'parsed'` (the default): plain
   * objects with every field set. `'lazy'`: objects that keep the line and build their fields on
   * the first read, with the same values; several times faster on large outputs when few
   * entries are read. Lazy entries are class instances with getters: `JSON.stringify` prints
   * them exactly like parsed ones, but `structuredClone` and deep-equality helpers that compare
   * prototypes or own properties see no fields (use `JSON.parse(JSON.stringify(…))` or
   * `entry.toJSON()` for a plain copy). `parseShow` accepts and ignores it.
   */
  journal?: 'parsed' | 'lazy';
}

/** The health of one unit, as decided by `summarize`. */
export type HealthVerdict =
  | { health: 'running'; unit: string | null; summary: string }
  | { health: 'failed'; unit: string | null; reason: string; summary: string }
  | { health: 'restarting'; unit: string | null; reason: string | null; summary: string }
  | { health: 'starting' | 'stopping'; unit: string | null; summary: string }
  | { health: 'inactive'; unit: string | null; summary: string }
  | { health: 'unknown'; unit: string | null; summary: string };
