import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallBudget } from '@ecs-delivery/shared';
import { parseKeyValueFile } from '@ecs-delivery/testkit';
import type { Inputs } from '../src/inputs';
import { run } from '../src/run';

let dir: string;
let savedEnv: NodeJS.ProcessEnv;
let stdout: jest.SpyInstance;
let printed: string[];

beforeEach(() => {
  savedEnv = { ...process.env };
  dir = mkdtempSync(join(tmpdir(), 'deploy-ecs-cancel-'));
  for (const name of ['output', 'state', 'summary']) writeFileSync(join(dir, name), '');
  Object.assign(process.env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  });
  printed = [];
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  stdout.mockRestore();
  process.env = savedEnv;
  process.exitCode = undefined;
});

const inputs = {
  mode: 'single',
  waves: [],
  awsRegion: 'us-east-1',
  roleToAssume: undefined,
  audience: 'sts.amazonaws.com',
  environment: undefined,
  environmentUrl: undefined,
  dryRun: false,
} as unknown as Inputs;

describe('deploy-ecs cancelled before it authenticates', () => {
  it('makes no AWS call, reports cancelled and fails the step', async () => {
    const controller = new AbortController();
    controller.abort(Object.assign(new Error('Cancelled by SIGINT'), { name: 'AbortError' }));
    const connect = jest.fn();

    await run(
      inputs,
      { phase: 'main', signal: controller.signal, budget: new CallBudget(controller.signal) },
      {
        connect,
      },
    );

    expect(connect).not.toHaveBeenCalled();
    const outputs = parseKeyValueFile(readFileSync(join(dir, 'output'), 'utf8'));
    expect(outputs.outcome).toBe('cancelled');
    expect(outputs['failure-reason']).toBe('The workflow run was cancelled before anything was deployed.');
    expect(process.exitCode).toBe(1);
    expect(printed.join('')).toContain(
      '::error title=deploy-ecs%3A cancelled::The workflow run was cancelled before anything was deployed.',
    );
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toContain('deploy-ecs: cancelled');
    // Nothing was started: the post step has no state to act on.
    expect(readFileSync(join(dir, 'state'), 'utf8')).toBe('');
  });
});
