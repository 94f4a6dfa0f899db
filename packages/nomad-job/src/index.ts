export { NomadJobError, formatPath } from './errors.js';
export type {
  Constraint,
  DriverConfigValue,
  Duration,
  JobType,
  Network,
  NomadJob,
  Port,
  ReschedulePolicy,
  Resources,
  RestartPolicy,
  Service,
  ServiceCheck,
  Task,
  TaskGroup,
  Template,
  UpdatePolicy,
  VolumeMount,
  VolumeRequest,
} from './model.js';
export { validateJob } from './validate-job.js';
export { toJobJson, toJobJsonText, type JsonValue } from './to-job-json.js';
export { toJobHcl } from './to-job-hcl.js';
export { hclString } from './hcl-string.js';
export { parseGoDuration, formatGoDuration } from './duration.js';
export { fromContainer, type FromContainerOptions } from './from-container.js';
export type { ContainerModel, ContainerText } from './container-model.js';
