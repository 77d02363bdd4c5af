import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_SCHEMA } from '../src/manifest';

type Schema = { properties?: Record<string, Schema>; $defs?: Record<string, Schema> };

/** Every property name the schema defines, at any depth. */
function propertyNames(schema: Schema): string[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, sub]) => [name, ...propertyNames(sub)]);
  const defs = Object.values(schema.$defs ?? {}).flatMap(propertyNames);
  return [...new Set([...own, ...defs])];
}

describe('the manifest schema and its documentation', () => {
  const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'manifest.md'), 'utf8');

  it.each(propertyNames(MANIFEST_SCHEMA as Schema).filter((n) => n !== '$schema'))(
    'docs/manifest.md explains `%s`',
    (name) => {
      expect(docs).toMatch(new RegExp('`[^`]*\\b' + name.replace(/[.-]/g, '\\$&') + '\\b[^`]*`'));
    },
  );
});
