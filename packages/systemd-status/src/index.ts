export { parseStatus, parseStatusOutput } from './parse-status.js';
export { parseShow, createShowParser, type ShowParser } from './parse-show.js';
export { createStatusParser, type StatusParser, type StatusTail } from './status-stream.js';
export { summarize, type SummarizeInput } from './summarize.js';
export { SystemdStatusError } from './errors.js';
export type {
  ActiveUnits, ByteSize, CgroupNode, ConditionCheck, Diagnostic, DropIn, ExitStatus, GlyphState, HealthVerdict,
  JournalEntry, ListenAddress, ManagerStatus, Memory, MemoryDetail, ParseOptions, ProcessLine,
  StatusError, StatusOutput, SystemdUnitShow, SystemdUnitStatus, Timestamp, UnitStateFields,
} from './types.js';
