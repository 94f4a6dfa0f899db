/**
 * Every section and key Isso 0.12.0 to 0.14.x reads from its config file. Isso itself has no
 * schema: a key's type is whichever accessor its code calls (`getboolean`, `getint`, `getlist`,
 * `getiter`, `get`), and the key set is whatever its built-in default file contains. This table
 * records both, plus the release that introduced (and removed) each key.
 */

/** How Isso reads a key, and therefore which JS type the typed config uses for it. */
export type IssoValueKind =
  /** `get`: the raw string. */
  | 'string'
  /** `getboolean`: `true`/`false` (Isso also reads yes/no/on/off/1/0). */
  | 'bool'
  /** `getint`: a whole number (Isso tries the duration grammar first). */
  | 'int'
  /** `getint` on a timedelta such as `15m` or `1h30m`; the typed value is seconds. */
  | 'duration'
  /** `get`, compared against a fixed set of words. */
  | 'enum'
  /** `getiter`: one item per indented line; commas are not separators. */
  | 'newline-list'
  /** `getlist`: items separated by commas on one line; newlines are not separators. */
  | 'comma-list';

/** Extra checks on a string value or on each list item. */
export type IssoValueFormat =
  /** `http://host:port` or `unix:///path`; Isso exits on any other scheme. */
  | 'listen'
  /** An `http://` or `https://` origin for CORS, without commas or blanks. */
  | 'origin'
  /** An absolute http(s) URL without a trailing `/`, or empty for auto-detection. */
  | 'endpoint';

/** One key of the schema. */
export interface IssoKeySchema {
  readonly kind: IssoValueKind;
  /** For `enum`: the accepted words. For lists: the accepted items, when the set is fixed. */
  readonly values?: readonly string[];
  readonly format?: IssoValueFormat;
  /** First release whose default file has the key (0.12.0 for keys older than the supported range). */
  readonly since: string;
  /** First release that no longer reads the key. */
  readonly until?: string;
  /** The value in Isso's own default file (0.14.0), as written there. */
  readonly default: string;
  /** A credential or shared secret that should not sit in a world-readable file. */
  readonly secret?: boolean;
  readonly description: string;
}

/** One section of the schema: its keys in Isso's documentation order. */
export interface IssoSectionSchema {
  readonly since: string;
  readonly keys: Readonly<Record<string, IssoKeySchema>>;
}

/** The shape of {@link ISSO_SCHEMA}: section name → section. */
export type IssoSchema = Readonly<Record<string, IssoSectionSchema>>;

const BOOL_TRUE = 'true';
const BOOL_FALSE = 'false';

/**
 * The schema table. Section order here is the order `serialize` writes; section and key names
 * are Isso's own, so Isso's documentation applies unchanged.
 */
export const ISSO_SCHEMA = {
  general: {
    since: '0.12.0',
    keys: {
      dbpath: { kind: 'string', since: '0.12.0', default: '/tmp/comments.db', description: 'Path of the SQLite database.' },
      name: { kind: 'string', since: '0.12.0', default: '', description: 'Site name; isso.dispatch mounts the site at /name.' },
      host: { kind: 'newline-list', format: 'origin', since: '0.12.0', default: '', description: 'Origins allowed by CORS, one per line. Isso exits when empty.' },
      'max-age': { kind: 'duration', since: '0.12.0', default: '15m', description: 'How long a comment can be edited or deleted.' },
      notify: { kind: 'comma-list', values: ['stdout', 'smtp', 'SMTP'], since: '0.12.0', default: 'stdout', description: 'Notification backends.' },
      'reply-notifications': { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Let commenters subscribe to replies.' },
      'log-file': { kind: 'string', since: '0.12.0', default: '', description: 'Log to this file instead of stderr.' },
      gravatar: { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Show Gravatar images.' },
      'gravatar-url': { kind: 'string', since: '0.12.0', default: 'https://www.gravatar.com/avatar/{}?d=identicon&s=55', description: 'Gravatar URL; {} is replaced by the email hash.' },
      'latest-enabled': { kind: 'bool', since: '0.12.3', default: BOOL_FALSE, description: 'Enable the /latest endpoint.' },
    },
  },
  admin: {
    since: '0.12.0',
    keys: {
      enabled: { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Enable the admin interface.' },
      password: { kind: 'string', secret: true, since: '0.12.0', default: 'please_choose_a_strong_password', description: 'Admin password, compared in plain text.' },
    },
  },
  moderation: {
    since: '0.12.0',
    keys: {
      enabled: { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Hold new comments for moderation.' },
      'approve-if-email-previously-approved': { kind: 'bool', since: '0.12.3', default: BOOL_FALSE, description: 'Skip moderation for emails approved before (emails are not verified).' },
      'purge-after': { kind: 'duration', since: '0.12.0', default: '30d', description: 'Delete unapproved comments after this long.' },
    },
  },
  server: {
    since: '0.12.0',
    keys: {
      listen: { kind: 'string', format: 'listen', since: '0.12.0', default: 'http://localhost:8080', description: 'Address of the built-in server (ignored under gunicorn/uWSGI).' },
      'public-endpoint': { kind: 'string', format: 'endpoint', since: '0.12.0', default: '', description: 'Public URL of Isso; empty means auto-detect.' },
      reload: { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Reload on code changes (development).' },
      profile: { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Profile requests (development).' },
      'trusted-proxies': { kind: 'newline-list', since: '0.12.4', default: '', description: 'Proxy IPs whose X-Forwarded-For is trusted, one per line.' },
      samesite: { kind: 'enum', values: ['', 'None', 'Lax', 'Strict'], since: '0.12.6', default: '', description: 'SameSite cookie attribute; empty picks None+Secure for https, else Lax.' },
    },
  },
  smtp: {
    since: '0.12.0',
    keys: {
      username: { kind: 'string', secret: true, since: '0.12.0', default: '', description: 'SMTP login name.' },
      password: { kind: 'string', secret: true, since: '0.12.0', default: '', description: 'SMTP password, in plain text.' },
      host: { kind: 'string', since: '0.12.0', default: 'localhost', description: 'SMTP server.' },
      port: { kind: 'int', since: '0.12.0', default: '587', description: 'SMTP port.' },
      security: { kind: 'enum', values: ['none', 'starttls', 'ssl'], since: '0.12.0', default: 'starttls', description: 'Transport security; Isso falls back to cleartext for any other word.' },
      to: { kind: 'string', since: '0.12.0', default: '', description: 'Recipient of notifications.' },
      from: { kind: 'string', since: '0.12.0', default: '', description: 'Sender address.' },
      timeout: { kind: 'int', since: '0.12.0', default: '10', description: 'Connection timeout in seconds.' },
    },
  },
  guard: {
    since: '0.12.0',
    keys: {
      enabled: { kind: 'bool', since: '0.12.0', default: BOOL_TRUE, description: 'Enable the spam guard.' },
      ratelimit: { kind: 'int', since: '0.12.0', default: '2', description: 'Comments per minute per IP.' },
      'direct-reply': { kind: 'int', since: '0.12.0', default: '3', description: 'Direct replies per thread per IP.' },
      'reply-to-self': { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Allow replying to oneself.' },
      'require-author': { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Require an author name.' },
      'require-email': { kind: 'bool', since: '0.12.0', default: BOOL_FALSE, description: 'Require an email address.' },
      'website-field': { kind: 'bool', since: '0.14.1', default: BOOL_TRUE, description: 'Show the website field (after 0.14.0, unreleased).' },
    },
  },
  markup: {
    since: '0.12.0',
    keys: {
      options: { kind: 'comma-list', since: '0.12.0', until: '0.14.0', default: '', description: 'Misaka extensions (moved to [markup.misaka] in 0.14.0).' },
      flags: { kind: 'comma-list', since: '0.12.3', until: '0.14.0', default: '', description: 'Misaka render flags (moved to [markup.misaka] in 0.14.0).' },
      renderer: { kind: 'enum', values: ['mistune', 'misaka'], since: '0.14.0', default: 'mistune', description: 'Markdown renderer.' },
      'allowed-elements': { kind: 'comma-list', since: '0.12.0', default: '', description: 'HTML elements allowed in addition to the built-in set.' },
      'allowed-attributes': { kind: 'comma-list', since: '0.12.0', default: '', description: 'HTML attributes allowed in addition to the built-in set.' },
    },
  },
  'markup.misaka': {
    since: '0.14.0',
    keys: {
      options: { kind: 'comma-list', since: '0.14.0', default: 'autolink, fenced-code, no-intra-emphasis, strikethrough, superscript', description: 'Misaka extensions.' },
      flags: { kind: 'comma-list', since: '0.14.0', default: '', description: 'Misaka render flags.' },
    },
  },
  'markup.mistune': {
    since: '0.14.0',
    keys: {
      plugins: { kind: 'comma-list', since: '0.14.0', default: 'strikethrough, subscript, superscript', description: 'Mistune plugins.' },
      parameters: { kind: 'comma-list', since: '0.14.0', default: 'escape, hard_wrap', description: 'Mistune parameters; only hard_wrap has an effect.' },
    },
  },
  hash: {
    since: '0.12.0',
    keys: {
      salt: { kind: 'string', secret: true, since: '0.12.0', default: 'Eech7co8Ohloopo9Ol6baimi', description: 'Salt for email/IP hashes; the default is public.' },
      algorithm: { kind: 'string', since: '0.12.0', default: 'pbkdf2', description: 'none, pbkdf2[:iterations[:dklen[:func]]] or a hashlib name.' },
    },
  },
  rss: {
    since: '0.12.0',
    keys: {
      base: { kind: 'string', since: '0.12.0', default: '', description: 'Base URL of the pages; empty disables feeds.' },
      limit: { kind: 'int', since: '0.12.0', default: '100', description: 'Comments per feed.' },
    },
  },
} as const satisfies IssoSchema;

/** The schema entry for `section`/`key`, if Isso has one in any supported release. */
export function schemaKey(section: string, key: string): IssoKeySchema | undefined {
  const sectionSchema = (ISSO_SCHEMA as IssoSchema)[section];
  if (!sectionSchema || !Object.hasOwn(sectionSchema.keys, key)) return undefined;
  return sectionSchema.keys[key];
}

/** The schema entry for `section`, if Isso has one in any supported release. */
export function schemaSection(section: string): IssoSectionSchema | undefined {
  return Object.hasOwn(ISSO_SCHEMA, section) ? (ISSO_SCHEMA as IssoSchema)[section] : undefined;
}
