import {
  ConfigurationError,
  formatDuration,
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntegerInput,
  getKeyValueInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  parseDuration,
} from '../src';
import { getSecretKeyValueInput } from '../src/inputs/get-input';
import { captureStdout, setEnv } from './helpers/capture';

const restores: (() => void)[] = [];
afterEach(() => {
  while (restores.length > 0) restores.pop()!();
});

/** Sets one input the way the runner does: `INPUT_<NAME>`, upper-cased, hyphens kept. */
function input(name: string, value: string | undefined): void {
  restores.push(setEnv({ [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]: value }));
}

function errorOf(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    return err as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('string inputs', () => {
  it('reads a required input with a hyphenated name, trimmed', () => {
    input('task-definition', '  taskdef.json \n');
    expect(getRequiredInput('task-definition')).toBe('taskdef.json');
  });

  it.each([undefined, '', '   '])('a missing required input (%p) names the input', (value) => {
    input('cluster', value);
    const err = errorOf(() => getRequiredInput('cluster'));
    expect(err.message).toBe('Input "cluster" is required but was not given.');
    expect(err.input).toBe('cluster');
  });

  it('an optional input is undefined when missing', () => {
    input('image', '');
    expect(getOptionalInput('image')).toBeUndefined();
  });
});

describe('list inputs', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a\nb\n\nc\n', ['a', 'b', 'c']],
    [' a , b,\n c ,, ', ['a', 'b', 'c']],
    ['', []],
  ])('%p → %p', (text, expected) => {
    input('services', text);
    expect(getListInput('services')).toEqual(expected);
  });

  it('a required list must have an entry', () => {
    input('services', ' , \n');
    expect(errorOf(() => getListInput('services', { required: true })).message).toMatch(
      /Input "services" is required/,
    );
  });
});

describe('boolean inputs', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['1', true],
    ['false', false],
    ['No', false],
    ['0', false],
  ])('%p → %p', (text, expected) => {
    input('wait', text);
    expect(getBooleanInput('wait', !expected)).toBe(expected);
  });

  it('a missing boolean takes its default', () => {
    input('wait', undefined);
    expect(getBooleanInput('wait', true)).toBe(true);
  });

  it.each(['ture', 'on', 'y'])('%p is refused, quoting what was given', (text) => {
    input('force-new-deployment', text);
    expect(errorOf(() => getBooleanInput('force-new-deployment', false)).message).toBe(
      `Input "force-new-deployment" must be true or false; got "${text}".`,
    );
  });
});

describe('integer inputs', () => {
  it.each([
    ['3', 3],
    ['+7', 7],
    ['0', 0],
  ])('%p → %p', (text, expected) => {
    input('desired-count', text);
    expect(getIntegerInput('desired-count', { min: 0, max: 10 })).toBe(expected);
  });

  it.each([
    ['3.5', 'a whole number from 0 to 10'],
    ['11', 'a whole number from 0 to 10'],
    ['-1', 'a whole number from 0 to 10'],
    ['three', 'a whole number from 0 to 10'],
  ])('%p is refused', (text, expected) => {
    input('desired-count', text);
    expect(errorOf(() => getIntegerInput('desired-count', { min: 0, max: 10 })).message).toBe(
      `Input "desired-count" must be ${expected}; got "${text}".`,
    );
  });

  it('describes one-sided ranges', () => {
    input('n', '0');
    expect(errorOf(() => getIntegerInput('n', { min: 1 })).message).toMatch(/a whole number of at least 1/);
    input('n', '100');
    expect(errorOf(() => getIntegerInput('n', { max: 9 })).message).toMatch(/a whole number of at most 9/);
  });

  it('missing: default, undefined, or an error when required', () => {
    input('n', undefined);
    expect(getIntegerInput('n', { default: 4 })).toBe(4);
    expect(getIntegerInput('n')).toBeUndefined();
    expect(errorOf(() => getIntegerInput('n', { required: true })).message).toMatch(/Input "n" is required/);
  });
});

describe('duration inputs', () => {
  it.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['90', 90_000],
    ['2M', 120_000],
  ])('%p → %p ms', (text, ms) => {
    input('timeout', text);
    expect(getDurationInput('timeout')).toBe(ms);
  });

  it.each(['ten minutes', '10 minutes', '-5s', '5x', 'm', '1h30', ''])('%p is refused', (text) => {
    input('timeout', text);
    if (text === '') {
      expect(getDurationInput('timeout')).toBeUndefined();
      return;
    }
    expect(errorOf(() => getDurationInput('timeout')).message).toBe(
      `Input "timeout" must be a duration like 90s, 20m or 1h30m; got "${text}".`,
    );
  });

  it('enforces bounds and takes a default in ms', () => {
    input('timeout', '5s');
    expect(errorOf(() => getDurationInput('timeout', { minMs: 10_000 })).message).toBe(
      'Input "timeout" must be a duration of at least 10s; got "5s".',
    );
    input('timeout', '3h');
    expect(errorOf(() => getDurationInput('timeout', { maxMs: 7_200_000 })).message).toMatch(/at most 2h/);
    input('timeout', undefined);
    expect(getDurationInput('timeout', { default: 1_800_000 })).toBe(1_800_000);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [800, '800ms'],
    [45_000, '45s'],
    [90_000, '1m30s'],
    [5_400_000, '1h30m'],
    [90_061_000, '1d1h1m1s'],
  ])('%p ms → %p, which parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('key=value inputs', () => {
  it.each([
    ['A=1,B=2', { A: '1', B: '2' }],
    ['A=1\nB=x,y\n\n', { A: '1', B: 'x,y' }],
    ['URL=https://x/?a=b', { URL: 'https://x/?a=b' }],
    [' A = spaced value ,EMPTY=', { A: 'spaced value', EMPTY: '' }],
    ['__proto__=x', { ['__proto__']: 'x' }],
  ])('%p', (text, expected) => {
    input('environment', text);
    const map = getKeyValueInput('environment');
    expect(map).toEqual(expected);
    expect(Object.keys(map)).toEqual(Object.keys(expected));
  });

  it.each([
    ['A=1,B', /got "B" \(write one entry per line to keep commas in a value\)/],
    ['=1', /must be KEY=value entries, one per line or comma separated; got "=1"/],
    ['A=1\nA=2', /Input "environment" sets "A" more than once/],
  ])('%p is refused', (text, message) => {
    input('environment', text);
    const err = errorOf(() => getKeyValueInput('environment'));
    expect(err.message).toMatch(message);
    expect(err.input).toBe('environment');
  });

  it('is empty when missing', () => {
    input('environment', undefined);
    expect(getKeyValueInput('environment')).toEqual({});
  });
});

describe('secret key=value inputs', () => {
  const ID = { pattern: /^[A-Za-z0-9_.-]{1,128}$/, form: 'an id of letters and digits' };

  /** Reads the input with stdout captured; returns the map or the error, and the values masked. */
  function read(text: string | undefined): {
    map?: Record<string, string>;
    error?: ConfigurationError;
    masks: string[];
  } {
    input('secrets', text);
    const out = captureStdout();
    try {
      return { map: getSecretKeyValueInput('secrets', { key: ID }), masks: masksOf(out.lines()) };
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigurationError);
      return { error: err as ConfigurationError, masks: masksOf(out.lines()) };
    } finally {
      out.restore();
    }
  }

  function masksOf(lines: string[]): string[] {
    return lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
  }

  it.each([
    ['NPM_TOKEN=abc,x=y', { NPM_TOKEN: 'abc,x=y' }],
    ['A=1\nB=p,q\n\n', { A: '1', B: 'p,q' }],
    ['A=1\r\nB=2', { A: '1', B: '2' }],
    [' TOKEN = a=b= ', { TOKEN: 'a=b=' }],
    ['__proto__=x', { ['__proto__']: 'x' }],
  ])('%p is one entry per line, never split on commas', (text, expected) => {
    const { map, masks } = read(text);
    expect(map).toEqual(expected);
    expect(Object.keys(map!)).toEqual(Object.keys(expected));
    for (const value of Object.values(expected)) expect(masks).toContain(value);
  });

  it.each([
    [
      'NPM_TOKEN=abc123\nsecretTail987',
      'line 2 has no "=": write one KEY=value entry per line.',
      ['abc123', 'secretTail987'],
    ],
    [
      '\nNPM_TOKEN=abc123\n=orphanValue42',
      'line 3 has no key before "=": write one KEY=value entry per line.',
      ['abc123', 'orphanValue42'],
    ],
    ['bad id!=s3cr3tValue', 'line 1: the key must be an id of letters and digits.', ['s3cr3tValue']],
    [
      'A=firstValue1\nB=x\nA=secondValue2',
      'line 3 sets the same key as line 1.',
      ['firstValue1', 'secondValue2'],
    ],
  ])('%p is refused by line number, after every value was masked', (text, message, secrets) => {
    const { error, masks } = read(text);
    expect(error?.message).toBe(`Input "secrets" ${message}`);
    expect(error?.input).toBe('secrets');
    for (const secret of secrets) {
      expect(masks).toContain(secret);
      expect(error?.message).not.toContain(secret);
    }
  });

  it('is empty when missing or blank, and masks nothing', () => {
    expect(read(undefined)).toEqual({ map: {}, masks: [] });
    expect(read(' \n ')).toEqual({ map: {}, masks: [] });
  });
});

describe('one-of inputs', () => {
  const modes = ['rolling', 'blue-green'] as const;

  it('matches case-insensitively and returns the canonical spelling', () => {
    input('mode', 'Blue-Green');
    const mode: 'rolling' | 'blue-green' = getEnumInput('mode', modes, { default: 'rolling' });
    expect(mode).toBe('blue-green');
  });

  it('lists the allowed values when refusing', () => {
    input('mode', 'canary');
    expect(errorOf(() => getEnumInput('mode', modes)).message).toBe(
      'Input "mode" must be one of "rolling", "blue-green"; got "canary".',
    );
  });

  it('missing: default or undefined', () => {
    input('mode', undefined);
    expect(getEnumInput('mode', modes, { default: 'rolling' })).toBe('rolling');
    expect(getEnumInput('mode', modes)).toBeUndefined();
  });
});
