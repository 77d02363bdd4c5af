import fc from 'fast-check';
import { ConfigurationError, formatDuration, parseDuration, validateImageReference } from '../src';
import { parseKeyValues, parseList } from '../src/inputs/parse-list';
import { parseManifest } from '../src/manifest';
import { parseTaskDefinition, renderTaskDefinition } from '../src/taskdef';

/**
 * Properties of the parsers every input goes through: for any text they either return a value or throw a
 * ConfigurationError naming the input — never another error — and what they accept keeps its meaning.
 */

/** Runs `fn`; an error other than a ConfigurationError naming `input` fails the property. */
function onlyConfigurationErrors(fn: () => unknown, input?: string): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    return err instanceof ConfigurationError && (input === undefined || err.input === input);
  }
}

const lowerWord = fc.stringMatching(/^[a-z0-9]{1,12}$/);

describe('input parsers, for any text', () => {
  it('parseDuration reads what formatDuration writes, and rejects without throwing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 35 * 86_400 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => onlyConfigurationErrors(() => parseDuration(text))));
  });

  it('parseList keeps every entry that has no comma or line break, trimmed', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[^,\n]{0,20}$/), { maxLength: 20 }), (entries) => {
        expect(parseList(entries.join('\n'))).toEqual(entries.map((e) => e.trim()).filter((e) => e !== ''));
      }),
    );
  });

  it('parseKeyValues returns the pairs it was given, or refuses naming the input', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), fc.stringMatching(/^[^\n]{0,20}$/)),
          { selector: ([k]) => k, maxLength: 10 },
        ),
        (pairs) => {
          const text = pairs.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
          expect(parseKeyValues('vars', text)).toEqual(
            Object.fromEntries(pairs.map(([k, v]) => [k, v.trim()])),
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (text) => onlyConfigurationErrors(() => parseKeyValues('vars', text), 'vars')),
    );
  });

  it('validateImageReference takes every reference of the grammar and refuses the rest naming the input', () => {
    const reference = fc
      .tuple(
        fc.option(
          fc.constantFrom('123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'localhost:5000', 'public.ecr.aws'),
        ),
        fc.array(lowerWord, { minLength: 1, maxLength: 3 }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/)),
        fc.option(fc.stringMatching(/^[a-f0-9]{64}$/)),
      )
      .map(([host, path, tag, digest]) =>
        [
          host === null ? '' : `${host}/`,
          path.join('/'),
          tag === null ? '' : `:${tag}`,
          digest === null ? '' : `@sha256:${digest}`,
        ].join(''),
      );
    fc.assert(fc.property(reference, (ref) => validateImageReference(ref, 'images') === ref));
    fc.assert(
      fc.property(fc.string(), (text) =>
        onlyConfigurationErrors(() => validateImageReference(text, 'images'), 'images'),
      ),
    );
  });

  it('the manifest loader refuses any text it cannot take as a ConfigurationError for "manifest"', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => j),
        ),
        (text) => onlyConfigurationErrors(() => parseManifest(text, { file: 'deploy/ecs.yml' }), 'manifest'),
      ),
      { numRuns: 200 },
    );
  });

  it('the task-definition parser and renderer refuse any document they cannot take as a ConfigurationError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) =>
        onlyConfigurationErrors(() =>
          renderTaskDefinition(parseTaskDefinition(text, { file: 'web.json' }), {
            images: { web: 'nginx:1.27' },
          }),
        ),
      ),
      { numRuns: 200 },
    );
  });
});
