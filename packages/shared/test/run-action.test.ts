import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsOperationError, ConfigurationError, fromAwsError, maskSecret, poll, runAction } from '../src';
import { captureStdout, setEnv, type Captured } from './helpers/capture';

let out: Captured;
let restoreEnv: () => void;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-action-'));
  writeFileSync(join(dir, 'state'), '');
  restoreEnv = setEnv({
    GITHUB_STATE: join(dir, 'state'),
    STATE_isPost: undefined,
    RUNNER_DEBUG: undefined,
    INPUT_DEBUG: undefined,
  });
  out = captureStdout();
});

afterEach(() => {
  out.restore();
  restoreEnv();
  process.exitCode = undefined;
});

const errorLines = (): string[] => out.lines().filter((l) => l.startsWith('::error'));

describe('main and post', () => {
  it('runs main and saves isPost state when the action has a post step', async () => {
    const calls: string[] = [];
    await runAction(
      async (ctx) => void calls.push(`main:${ctx.phase}`),
      async () => void calls.push('post'),
    );
    expect(calls).toEqual(['main:main']);
    expect(readFileSync(join(dir, 'state'), 'utf8')).toMatch(/^isPost<<ghadelimiter_[\w-]+\ntrue\n/);
    expect(process.exitCode).toBeUndefined();
  });

  it('runs post when the runner passes STATE_isPost back', async () => {
    process.env['STATE_isPost'] = 'true';
    const calls: string[] = [];
    await runAction(
      async () => void calls.push('main'),
      async (ctx) => void calls.push(`post:${ctx.phase}`),
    );
    expect(calls).toEqual(['post:post']);
  });

  it('saves no state without a post step', async () => {
    await runAction(async () => undefined);
    expect(readFileSync(join(dir, 'state'), 'utf8')).toBe('');
  });
});

describe('failure reporting', () => {
  it.each([
    [
      'configuration error',
      ConfigurationError.invalidInput('timeout', 'a duration like 90s, 20m or 1h30m', 'ten minutes'),
      '::error title=Configuration error::Configuration error: Input "timeout" must be a duration like 90s, 20m or 1h30m; got "ten minutes".',
    ],
    [
      'AWS error',
      fromAwsError(
        Object.assign(new Error('Service not found.'), {
          name: 'ServiceNotFoundException',
          $fault: 'client',
          $metadata: { requestId: 'req-123', httpStatusCode: 400 },
        }),
        'ecs:UpdateService',
      ),
      '::error title=AWS ecs%3AUpdateService failed::ecs:UpdateService failed: ServiceNotFoundException: Service not found. (request id req-123)',
    ],
    [
      'unknown error',
      new TypeError('x is not a function'),
      '::error title=Unexpected error::x is not a function',
    ],
    ['thrown string', 'boom', '::error title=Unexpected error::boom'],
  ])('%s: one error annotation with a title, exit code 1', async (_kind, err, line) => {
    await runAction(async () => {
      throw err;
    });
    expect(errorLines()).toEqual([line]);
    expect(process.exitCode).toBe(1);
  });

  it('a failing post step fails too', async () => {
    process.env['STATE_isPost'] = 'true';
    await runAction(
      async () => undefined,
      async () => {
        throw new ConfigurationError('bad');
      },
    );
    expect(errorLines()).toEqual(['::error title=Configuration error::Configuration error: bad']);
  });

  it('multi-line messages become one line', async () => {
    await runAction(async () => {
      throw new Error('first\n  second');
    });
    expect(errorLines()).toEqual(['::error title=Unexpected error::first second']);
  });

  it('hides the stack in the debug log by default', async () => {
    await runAction(async () => {
      throw new Error('kaput');
    });
    const stackLines = out.lines().filter((l) => l.includes('run-action.test.ts'));
    expect(stackLines.length).toBeGreaterThan(0);
    expect(stackLines.every((l) => l.startsWith('::debug::'))).toBe(true);
  });

  it.each([
    ['RUNNER_DEBUG=1', { RUNNER_DEBUG: '1' }],
    ['debug input', { INPUT_DEBUG: 'true' }],
  ])('prints the stack, with its causes, with %s', async (_how, env) => {
    Object.assign(process.env, env);
    await runAction(async () => {
      throw new Error('outer', { cause: new Error('inner') });
    });
    const text = out.text();
    expect(text).toMatch(/^Error: outer\n\s+at .*run-action\.test\.ts/m);
    expect(text).toMatch(/^Caused by:\nError: inner/m);
  });
});

describe('cancellation', () => {
  it('aborts the signal on SIGINT so a poll stops at once, and reports the cancellation', async () => {
    await runAction(async ({ signal }) => {
      setImmediate(() => process.emit('SIGINT', 'SIGINT'));
      await poll({ check: () => ({ done: false }), timeoutMs: 60_000, minDelayMs: 30_000, signal });
    });
    expect(out.lines()).toContain('Received SIGINT: cancelling.');
    expect(errorLines()).toEqual(['::error title=Cancelled::The run was cancelled.']);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('hands main a budget that aborts its calls on SIGINT; what the cancel broke off is reported as the cancel', async () => {
    await runAction(async ({ budget }) => {
      setImmediate(() => process.emit('SIGINT', 'SIGINT'));
      // An AWS call that never answers, cut off by the cancel and wrapped as the action would.
      await budget
        .call(() => new Promise(() => undefined))
        .catch((err: unknown) => {
          throw fromAwsError(err, 'ecs:DescribeServices');
        });
    });
    expect(errorLines()).toEqual(['::error title=Cancelled::The run was cancelled.']);
  });
});

describe('AwsOperationError', () => {
  it('reads name, request id, fault and status from an SDK error', () => {
    const err = fromAwsError(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { requestId: 'abc', httpStatusCode: 400 },
      }),
      'ecr:PutImage',
    );
    expect(err).toBeInstanceOf(AwsOperationError);
    expect(err).toMatchObject({
      service: 'ecr',
      operation: 'PutImage',
      code: 'ThrottlingException',
      requestId: 'abc',
      fault: 'client',
      httpStatus: 400,
      message: 'Rate exceeded',
    });
  });

  it('wraps errors without AWS metadata', () => {
    const err = fromAwsError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'Describe',
      'ecs',
    );
    expect(err.describe()).toBe('ecs:Describe failed: Error: connect ECONNREFUSED');
  });
});

describe('maskSecret', () => {
  it('masks values, line by line for multi-line ones, and skips empty ones', () => {
    maskSecret('');
    maskSecret('   ');
    maskSecret(undefined);
    maskSecret('s3cr3t');
    maskSecret('line1\nline2');
    expect(out.lines().filter((l) => l.startsWith('::add-mask::'))).toEqual([
      '::add-mask::s3cr3t',
      '::add-mask::line1%0Aline2',
      '::add-mask::line1',
      '::add-mask::line2',
    ]);
  });
});
