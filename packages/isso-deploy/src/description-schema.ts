import { ISSO_SCHEMA } from '@nixkit/isso-config';
import { UNCERTIFIABLE } from './host-checks.js';
import { DEPLOYMENT_MODES } from './deployment-mode.js';
import { NIXOS_RELEASES } from './nixos-release.js';
import { CONTAINER_NAME, INTERFACE, IPV4, NOT_UNICAST, NSPAWN_FLAG, PASSED_BY_MODULE } from './resolve-nixos-container.js';
import { SECRET_REFS } from './read-service.js';
import { RELEASE_FACTS } from './release-facts.js';
import { TOP_LEVEL_FIELDS } from './top-level.js';
import {
  ABSOLUTE_PATH, BIND_ADDRESS, COMMIT, DOMAIN, DOT_SEGMENT, DRV_VERSION, EMAIL, ENV_NAME, GIT_REV, GITHUB_NAME, HASH, IMAGE_NAME,
  IMAGE_TAG, LOG_FORMAT_NAME, NIX_ATTR, NO_CONTROL, RELEASE_TAG, SIMPLE_NAME, SITE, SRI_HASH, SUPPORTED_ISSO_VERSION, TAG, WSGI_APP,
} from './read-values.js';

// The JSON Schema of a deployment description (draft-07, which editors understand), built from
// the same constants the validator reads with: the field lists, the patterns of read-values.ts,
// the releases and their facts, the names ACME refuses, and @nixkit/isso-config's settings
// schema. A test checks on thousands of random descriptions that a real JSON Schema validator
// accepts exactly what resolveDeployment accepts. What a schema cannot say is left to
// resolveDeployment: Isso's own value formats inside `settings` (durations, listen addresses,
// blanks around text), keys newer than the source's Isso, that the access log's format is one
// the description defines, and the checks of a mode (where the database lives).

type Schema = Record<string, unknown>;

const pattern = (re: RegExp): Schema => ({ type: 'string', pattern: re.source });
const absolutePath: Schema = { ...pattern(ABSOLUTE_PATH), not: pattern(DOT_SEGMENT) };
const nullable = (schema: Schema): Schema => ({ anyOf: [{ type: 'null' }, schema] });
const strictObject = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object', properties, additionalProperties: false, ...(required.length > 0 ? { required } : {}),
});
const names: Schema = { type: 'array', items: pattern(NIX_ATTR) };
const certifiableName: Schema = { ...pattern(DOMAIN), not: pattern(UNCERTIFIABLE) };

/** `{ "env": "NAME" }`, a reference to a variable of the environment file. */
const ENV_REF: Schema = strictObject({ env: pattern(ENV_NAME) }, ['env']);
/** Any `{ env }` object in settings: isso-config checks its name, this package only that it names one. */
const ANY_ENV_REF: Schema = { type: 'object', required: ['env'], properties: { env: { type: 'string' } }, additionalProperties: false };

function settingValue(kind: string, values: readonly string[] | undefined): Schema {
  switch (kind) {
    case 'bool': return { anyOf: [{ type: 'boolean' }, ANY_ENV_REF] };
    case 'int': return { anyOf: [{ type: 'integer', minimum: 0 }, ANY_ENV_REF] };
    case 'duration': return { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }, ANY_ENV_REF] };
    case 'enum': return { anyOf: [{ enum: [...(values ?? [])] }, ANY_ENV_REF] };
    case 'newline-list':
    case 'comma-list': return { type: 'array', items: values ? { enum: [...values] } : { type: 'string' } };
    default: return { anyOf: [{ type: 'string', pattern: '^[^\\r\\n]*$' }, ANY_ENV_REF] };
  }
}

/** `settings`: Isso's sections and keys; the secret ones only by reference. */
function settingsSchema(): Schema {
  const sections: Record<string, Schema> = {};
  for (const [section, spec] of Object.entries(ISSO_SCHEMA)) {
    const keys: Record<string, Schema> = {};
    for (const [key, schema] of Object.entries(spec.keys)) {
      const s = schema as { kind: string; values?: readonly string[]; secret?: boolean };
      keys[key] = s.secret ? (section === 'smtp' && key === 'username' ? { anyOf: [{ const: '' }, ENV_REF] } : ENV_REF) : settingValue(s.kind, s.values);
    }
    sections[section] = strictObject(keys);
  }
  return strictObject(sections);
}

// The Isso version of the source, as conditions: "the description's Isso expands ${VAR}" (0.14+).
const EXPANDING = /^0\.14(?:\.(?:0|[1-9]\d*))?$/;
const RELEASE_TAG_0_14 = /^(?:refs\/tags\/)?v?0\.14(?:\.(?:0|[1-9]\d*))?$/;
const expandingReleases = NIXOS_RELEASES.filter((release) => EXPANDING.test(RELEASE_FACTS[release].nixpkgsIssoVersion));
const releaseIn = (releases: readonly string[]): Schema =>
  releases.length === 0 ? { not: {} } : releases.includes(NIXOS_RELEASES[NIXOS_RELEASES.length - 1]!)
    ? { anyOf: [{ not: { required: ['nixosRelease'] } }, { properties: { nixosRelease: { enum: [...releases] } } }] }
    : { required: ['nixosRelease'], properties: { nixosRelease: { enum: [...releases] } } };
const SOURCE_EXPANDS_ENV: Schema = {
  anyOf: [
    { allOf: [{ not: { required: ['source'] } }, { not: { required: ['preset'] } }, releaseIn(expandingReleases)] },
    { allOf: [{ required: ['source'], properties: { source: { properties: { kind: { const: 'nixpkgs' } } } } }, releaseIn(expandingReleases)] },
    { required: ['source'], properties: { source: { properties: { kind: { const: 'pypi' }, version: pattern(EXPANDING) } } } },
    {
      required: ['source'],
      properties: {
        source: {
          properties: { kind: { const: 'github' } },
          anyOf: [
            { required: ['issoVersion'], properties: { issoVersion: pattern(EXPANDING) } },
            { not: { required: ['issoVersion'] }, properties: { rev: pattern(RELEASE_TAG_0_14) } },
          ],
        },
      },
    },
  ],
};

/** `source`, with the rules that tie a github rev to a commit or tag and the nixpkgs version to the release. */
function sourceSchema(): Schema {
  const hash = pattern(HASH);
  return {
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: ['nixpkgs', 'github', 'pypi'] } },
    oneOf: [
      strictObject({ kind: { const: 'nixpkgs' }, issoVersion: pattern(SUPPORTED_ISSO_VERSION) }, ['kind']),
      strictObject({ kind: { const: 'pypi' }, version: pattern(SUPPORTED_ISSO_VERSION), hash: pattern(SRI_HASH) }, ['kind', 'version', 'hash']),
      {
        ...strictObject({
          kind: { const: 'github' },
          owner: pattern(GITHUB_NAME),
          repo: pattern(GITHUB_NAME),
          rev: pattern(GIT_REV),
          hash,
          version: pattern(DRV_VERSION),
          issoVersion: pattern(SUPPORTED_ISSO_VERSION),
          allowMovingRev: { type: 'boolean' },
        }, ['kind', 'owner', 'repo', 'rev', 'hash']),
        allOf: [
          // A branch needs allowMovingRev: true.
          { anyOf: [{ properties: { rev: pattern(COMMIT) } }, { properties: { rev: pattern(TAG) } }, { required: ['allowMovingRev'], properties: { allowMovingRev: { const: true } } }] },
          // The Isso version is given, or the rev is exactly a release tag.
          { anyOf: [{ required: ['issoVersion'] }, { properties: { rev: pattern(RELEASE_TAG) } }] },
        ],
      },
    ],
  };
}

/** The nixpkgs source's issoVersion, when given, is the release's own. */
function nixpkgsVersionRules(): Schema[] {
  return NIXOS_RELEASES.map((release) => ({
    if: { allOf: [releaseIn([release]), { required: ['source'], properties: { source: { required: ['kind', 'issoVersion'], properties: { kind: { const: 'nixpkgs' } } } } }] },
    then: { properties: { source: { properties: { issoVersion: { const: RELEASE_FACTS[release].nixpkgsIssoVersion } } } } },
  }));
}

/** Some secret reference: in `secrets`, or an `{ env }` anywhere in settings. */
const USES_SECRET_REFS: Schema = {
  required: ['secrets'],
  properties: { secrets: { anyOf: Object.keys(SECRET_REFS).map((key) => ({ required: [key] })) } },
};
function settingsUseEnv(): Schema {
  const alternatives: Schema[] = [];
  for (const [section, spec] of Object.entries(ISSO_SCHEMA)) {
    for (const key of Object.keys(spec.keys)) {
      alternatives.push({ required: [section], properties: { [section]: { required: [key], properties: { [key]: { type: 'object' } } } } });
    }
  }
  return { required: ['settings'], properties: { settings: { anyOf: alternatives } } };
}

const SMTP_NOTIFY: Schema = {
  required: ['settings'],
  properties: { settings: { required: ['general'], properties: { general: { required: ['notify'], properties: { notify: { contains: { enum: ['smtp', 'SMTP'] } } } } } } },
};
const SMTP_COMPLETE: Schema = {
  properties: {
    settings: {
      required: ['smtp'],
      properties: { smtp: { required: ['host', 'from', 'to'], properties: Object.fromEntries(['host', 'from', 'to'].map((key) => [key, { not: { const: '' } }])) } },
    },
  },
};

function nginxSchema(): Schema {
  return strictObject({
    aliases: { type: 'array', items: certifiableName },
    root: nullable(absolutePath),
    version: pattern(/^\d+\.\d+(?:\.\d+)?$/),
    accessLog: nullable(strictObject({ path: absolutePath, format: pattern(LOG_FORMAT_NAME) }, ['path', 'format'])),
    logFormats: { type: 'object', propertyNames: { ...pattern(LOG_FORMAT_NAME), not: { const: 'combined' } }, additionalProperties: pattern(NO_CONTROL) },
    hideCookies: { type: 'boolean' },
  });
}

/**
 * `nixosContainer`. Not expressible here, left to resolveDeployment: that the two addresses
 * differ and share one /30.
 */
function nixosContainerSchema(): Schema {
  const address: Schema = { ...pattern(IPV4), not: pattern(NOT_UNICAST) };
  const moduleFlag = new RegExp(`^(?:${PASSED_BY_MODULE.map((flag) => flag).join('|')})(?:=|$)`);
  return strictObject({
    name: pattern(CONTAINER_NAME),
    hostAddress: address,
    localAddress: address,
    extraFlags: { type: 'array', items: { ...pattern(NSPAWN_FLAG), not: pattern(moduleFlag) } },
    externalInterface: nullable(pattern(INTERFACE)),
  });
}

function buildSchema(): Schema {
  const removed = [...new Set(NIXOS_RELEASES.flatMap((release) => RELEASE_FACTS[release].removedPythonPackages))];
  const properties: Record<(typeof TOP_LEVEL_FIELDS)[number], Schema> = {
    $schema: pattern(/^\S+$/),
    nixosRelease: { enum: [...NIXOS_RELEASES], description: 'The NixOS release the module is written for; default the newest.' },
    preset: { enum: ['article-2020'], description: 'The reference article\'s exact 2020 expression; it does not build on current releases.' },
    openFirewall: { type: 'boolean' },
    domain: { ...certifiableName, description: 'The name Isso is served under, such as comments.example.org.' },
    acmeEmail: pattern(EMAIL),
    acmeAcceptTerms: { type: 'boolean' },
    sites: { type: 'array', items: pattern(SITE) },
    port: { type: 'integer', minimum: 1, maximum: 65535, not: { enum: [80, 443] } },
    source: sourceSchema(),
    python: strictObject({
      dependencies: names,
      buildDependencies: names,
      check: nullable(strictObject({ inputs: names, setupPyCommand: pattern(/^[A-Za-z0-9_-]+$/) }, ['setupPyCommand'])),
      environment: names,
    }),
    settings: settingsSchema(),
    gunicorn: strictObject({
      name: pattern(SIMPLE_NAME),
      workers: { type: 'integer', minimum: 1, maximum: 1024 },
      workerClass: { enum: ['sync', 'gevent', 'eventlet', 'gthread', 'tornado'] },
      bindAddress: pattern(BIND_ADDRESS),
      preload: { type: 'boolean' },
      workerTmpDir: nullable(absolutePath),
      app: pattern(WSGI_APP),
    }),
    image: strictObject({ name: pattern(IMAGE_NAME), tag: pattern(IMAGE_TAG) }),
    backend: { enum: ['podman', 'docker'] },
    containerName: pattern(SIMPLE_NAME),
    dbVolume: strictObject({ hostPath: absolutePath, containerPath: absolutePath }),
    nginx: nginxSchema(),
    secrets: strictObject({
      environmentFile: { ...absolutePath, not: { anyOf: [pattern(DOT_SEGMENT), pattern(/^\/nix\/store\//)] } },
      ...Object.fromEntries(Object.keys(SECRET_REFS).map((key) => [key, pattern(ENV_NAME)])),
    }, ['environmentFile']),
    mode: { enum: [...DEPLOYMENT_MODES], description: 'How Isso runs; every command follows it unless told otherwise.' },
    nixosContainer: nixosContainerSchema(),
  };
  const noRemovedNames = { not: { type: 'array', contains: { enum: removed } } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://nixkit.invalid/isso-deploy/schema.json',
    title: 'nixkit Isso deployment',
    description: 'A description of one Isso deployment for @nixkit/isso-deploy (nixkit-isso render --config deployment.json).',
    type: 'object',
    properties,
    required: ['domain', 'acmeEmail'],
    additionalProperties: false,
    allOf: [
      // The embedding websites once: `sites` or settings.general.host.
      { not: { required: ['sites', 'settings'], properties: { settings: { required: ['general'], properties: { general: { required: ['host'] } } } } } },
      // Secret references need an Isso that expands ${VAR}, and { env } settings an environment file.
      { if: USES_SECRET_REFS, then: SOURCE_EXPANDS_ENV },
      { if: settingsUseEnv(), then: { allOf: [SOURCE_EXPANDS_ENV, { required: ['secrets'] }] } },
      // notify = smtp needs somewhere to send, except in the article preset (which warns).
      { if: { allOf: [SMTP_NOTIFY, { not: { required: ['preset'] } }] }, then: SMTP_COMPLETE },
      // Packages the releases removed, unless the article preset asks for its 2020 recipe.
      {
        if: { not: { required: ['preset'] } },
        then: { properties: { python: { properties: { dependencies: noRemovedNames, buildDependencies: noRemovedNames, environment: noRemovedNames, check: { anyOf: [{ type: 'null' }, { properties: { inputs: noRemovedNames } }] } } } } },
      },
      ...nixpkgsVersionRules(),
    ],
  };
}

/**
 * The JSON Schema of a deployment description, the file `@nixkit/isso-deploy/schema.json`: point
 * `"$schema"` at it in deployment.json for completion and inline errors in editors.
 */
export const DEPLOYMENT_SCHEMA: Readonly<Record<string, unknown>> = buildSchema();

/** The schema as the text of schema.json (two-space JSON and a final newline). */
export function deploymentSchemaText(): string {
  return `${JSON.stringify(DEPLOYMENT_SCHEMA, null, 2)}\n`;
}
