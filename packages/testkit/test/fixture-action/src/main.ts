/**
 * The testkit's fixture action: it does, on a small scale, what a real action does through @ecs-delivery/shared
 * — typed inputs with defaults, OIDC role assumption against the simulator, an AWS call, outputs (one
 * multi-line), a job summary, annotations, exported env, saved state, a post step that reads it, and a
 * cancellation that stops a wait at once.
 */
import * as core from '@actions/core';
import {
  type ActionContext,
  annotateNotice,
  getBooleanInput,
  getIntegerInput,
  getOptionalInput,
  getRequiredInput,
  heading,
  markdownTable,
  runAction,
  sleep,
  writeSummary,
} from '@ecs-delivery/shared';
import { authenticate } from '@ecs-delivery/shared/aws';

interface Inputs {
  name: string;
  greeting: string;
  count: number;
  roleToAssume: string | undefined;
  audience: string;
  exportCredentials: boolean;
  waitSeconds: number;
}

function getInputs(): Inputs {
  return {
    name: getRequiredInput('name'),
    greeting: getOptionalInput('greeting') ?? 'Hello',
    count: getIntegerInput('count', { min: 1, max: 20, default: 2 }),
    roleToAssume: getOptionalInput('role-to-assume'),
    audience: getOptionalInput('audience') ?? 'sts.amazonaws.com',
    exportCredentials: getBooleanInput('export-credentials', false),
    waitSeconds: getIntegerInput('wait-seconds', { min: 0, max: 600, default: 0 }),
  };
}

async function main({ signal }: ActionContext): Promise<void> {
  const inputs = getInputs();
  const message = `${inputs.greeting}, ${inputs.name}!`;
  core.info(message);
  const session = await authenticate({
    roleToAssume: inputs.roleToAssume,
    audience: inputs.audience,
    roleDurationSeconds: 900,
    exportCredentials: inputs.exportCredentials,
  });

  core.setOutput('message', message);
  core.setOutput('lines', Array.from({ length: inputs.count }, (_, i) => `${i + 1}: ${message}`).join('\n'));
  core.setOutput('account', session.accountId);
  core.setOutput('arn', session.arn);
  core.exportVariable('FIXTURE_GREETED', inputs.name);
  core.saveState('greeted', inputs.name);
  annotateNotice('Fixture', `Greeted ${inputs.name}`, { file: 'action.yml', startLine: 3, endLine: 4 });
  await writeSummary(
    heading('Fixture'),
    markdownTable(['name', 'account'], [[inputs.name, session.accountId]]),
  );

  if (inputs.waitSeconds > 0) {
    core.info(`Waiting ${inputs.waitSeconds}s`);
    try {
      await sleep(inputs.waitSeconds * 1000, signal);
    } catch (err) {
      // What a deploy does on cancellation: leave a note for the post step, which finishes the clean-up.
      core.saveState('cancelled', 'true');
      throw err;
    }
  }
}

async function post(): Promise<void> {
  const greeted = core.getState('greeted');
  const cancelled = core.getState('cancelled') === 'true';
  core.info(
    `post: greeted=${greeted} cancelled=${cancelled} FIXTURE_GREETED=${process.env.FIXTURE_GREETED ?? ''}`,
  );
  core.setOutput('post-result', cancelled ? 'cleaned-up-after-cancel' : `cleaned-up-${greeted}`);
}

void runAction(main, post);
