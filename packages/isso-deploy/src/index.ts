export type {
  AccessLog,
  Backend,
  DbVolume,
  GunicornOptions,
  ImageOptions,
  IssoDeployment,
  IssoSource,
  NginxOptions,
  PythonDeps,
  ResolvedDeployment,
  SecretRefs,
} from './deployment.js';
export { DEPLOYMENT_MODES, type DeploymentMode } from './deployment-mode.js';
export { IssoDeploymentError } from './errors.js';
export { resolveDeployment } from './resolve.js';
export {
  renderDeployment,
  renderNixosModule,
  renderPlainFiles,
  type RenderOptions,
  type RenderResult,
  type RenderedFile,
} from './render-deployment.js';
export type { PlainFiles } from './plain-files.js';
export { checkStatus, serviceUnitName, type CheckStatusOptions, type StatusCheck } from './check-status.js';
export { addModuleImport, type ImportEdit } from './add-import.js';
export { unifiedDiff } from './line-diff.js';
export { renderNomadFiles, type NomadFiles } from './render-nomad.js';
