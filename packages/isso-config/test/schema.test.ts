import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ISSO_SCHEMA, parse, serialize, type IssoSchema } from '../src/index.js';

const Schema = suite('ISSO_SCHEMA');

const schema: IssoSchema = ISSO_SCHEMA;

Schema('lists Isso sections in documentation order', () => {
  assert.equal(Object.keys(schema), ['general', 'admin', 'moderation', 'server', 'smtp', 'guard', 'markup', 'markup.misaka', 'markup.mistune', 'hash', 'rss']);
});

Schema('holds defaults that Isso itself reads back as valid values of each kind', () => {
  for (const [section, { keys }] of Object.entries(schema)) {
    for (const [key, entry] of Object.entries(keys)) {
      const text = entry.kind === 'newline-list' && entry.default === '' ? `[${section}]\n${key} =\n` : `[${section}]\n${key} = ${entry.default}\n`;
      const version = entry.until ? '0.13.0' : entry.since === '0.14.1' ? '0.14.1' : '0.14.0';
      const { diagnostics } = parse(text, { version });
      assert.equal(diagnostics.filter((d) => d.severity === 'error'), [], `[${section}] ${key}`);
    }
  }
});

Schema('marks passwords and the salt as secrets', () => {
  const secrets = Object.entries(schema).flatMap(([section, { keys }]) => Object.entries(keys).filter(([, k]) => k.secret).map(([key]) => `${section}.${key}`));
  assert.equal(secrets, ['admin.password', 'smtp.username', 'smtp.password', 'hash.salt']);
});

Schema('writes Isso 0.14 defaults back through serialize', () => {
  const text = serialize({ markup: { renderer: 'mistune' }, 'markup.mistune': { plugins: ['strikethrough', 'subscript', 'superscript'], parameters: ['escape', 'hard_wrap'] } }, { version: '0.14.0' });
  assert.is(text, '[markup]\nrenderer = mistune\n\n[markup.mistune]\nplugins = strikethrough, subscript, superscript\nparameters = escape, hard_wrap\n');
});

Schema.run();
