export type {
  AccessLog,
  Backend,
  DbVolume,
  GunicornOptions,
  ImageOptions,
  IssoDeployment,
  IssoSource,
  NginxOptions,
  Preset,
  PythonDeps,
  ResolvedDeployment,
  SecretRefs,
} from './deployment.js';
export { DEPLOYMENT_MODES, type DeploymentMode } from './deployment-mode.js';
export type { NixosContainerOptions, ResolvedNixosContainer } from './nixos-container-options.js';
export { IssoDeploymentError } from './errors.js';
export { resolveDeployment, type ResolveOptions } from './resolve.js';
export { DEPLOYMENT_SCHEMA, deploymentSchemaText } from './description-schema.js';
export { DEFAULT_NIXOS_RELEASE, NIXOS_RELEASES, isNixosRelease, type NixosRelease } from './nixos-release.js';
export { RELEASE_FACTS, releaseFacts, type ReleaseFacts } from './release-facts.js';
export {
  renderDeployment,
  renderNixosModule,
  renderPlainFiles,
  type DeploymentInput,
  type RenderOptions,
  type RenderResult,
  type RenderedFile,
} from './render-deployment.js';
export type { PlainFiles } from './plain-files.js';
export { checkStatus, serviceUnitName, type CheckStatusOptions, type StatusCheck } from './check-status.js';
export { addModuleImport, type ImportEdit } from './add-import.js';
export { unifiedDiff } from './line-diff.js';
export type {
  Fleet,
  FleetDescription,
  FleetHost,
  FleetHostDescription,
  FleetSite,
  FleetSiteDescription,
  SecretKeySource,
} from './fleet-description.js';
export { readFleet } from './read-fleet.js';
export {
  CLAIM_SOURCES,
  captureClaims,
  checkFleetClashes,
  containerClaims,
  databaseClaims,
  hostPortClaims,
  linkNetwork,
  logFormatClaims,
  natAddressClaims,
  nixosContainerClaims,
  secretClaims,
  serverNameClaims,
  unitClaims,
  type ClaimSource,
  type FleetClaim,
} from './fleet-claims.js';
export { captureFileName, siteUnits, unitLabel, type SiteUnit } from './fleet-units.js';
export {
  renderFleet,
  siteKey,
  siteModulePath,
  hostHttpModulePath,
  type FleetFile,
  type FleetRenderOptions,
  type FleetRenderResult,
} from './render-fleet.js';
export {
  fleetStatus,
  fleetUnits,
  type CaptureSource,
  type FleetStatusEntry,
  type FleetStatusReport,
  type FleetVerdict,
} from './fleet-status.js';
export { collectCaptures, statusCommand, statusTargets, type CollectIo, type CollectResult, type CommandResult, type StatusTarget } from './fleet-collect.js';
export { renderNomadFiles, type NomadFiles } from './render-nomad.js';
