export { ColmenaHiveError } from './errors.js';
export type { Hive, HiveDeployment, HiveKey, HiveMeta, HiveNode, NixosModule } from './model.js';
export { validateHive, validateModule, nodeName as validateNodeName } from './validate-hive.js';
export { validateDeployment } from './validate-deployment.js';
export { validateKey } from './validate-key.js';
export { RESERVED_NODE_NAMES } from './names.js';
export { hiveExpr, toHive, toHiveFlake, type HiveFlakeOptions, type HiveRenderOptions } from './render-hive.js';
