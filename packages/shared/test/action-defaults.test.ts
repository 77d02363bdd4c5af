import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBooleanInput, getDurationInput, readActionDefaults, useActionDefaults } from '../src';

afterEach(() => {
  useActionDefaults(new Map());
  delete process.env['INPUT_TIMEOUT'];
});

describe("an action's input defaults come from its action.yml", () => {
  const file = join(mkdtempSync(join(tmpdir(), 'action-defaults-')), 'action.yml');
  writeFileSync(
    file,
    [
      'name: x',
      'inputs:',
      '  timeout: { description: t, default: 30m }',
      '  wait: { description: w, default: true }',
      '  cluster: { description: c }',
      'runs: { using: node24, main: dist/index.js }',
      '',
    ].join('\n'),
  );

  it('reads every default as text, and only the inputs that have one', () => {
    expect(readActionDefaults(file)).toEqual(
      new Map([
        ['timeout', '30m'],
        ['wait', 'true'],
      ]),
    );
  });

  it('the getters fall back to them when an input is unset or empty; a given value wins', () => {
    expect(() => getDurationInput('timeout', { required: true })).toThrow(/Input "timeout" is required/);
    useActionDefaults(readActionDefaults(file));
    expect(getDurationInput('timeout', { required: true })).toBe(30 * 60_000);
    expect(getBooleanInput('wait')).toBe(true);
    process.env['INPUT_TIMEOUT'] = '';
    expect(getDurationInput('timeout', { required: true })).toBe(30 * 60_000);
    process.env['INPUT_TIMEOUT'] = '90s';
    expect(getDurationInput('timeout', { required: true })).toBe(90_000);
  });
});
