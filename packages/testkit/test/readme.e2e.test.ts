/**
 * The code blocks of packages/testkit/README.md run (see readme-blocks.ts): the deploy example is a test file,
 * written into the package and loaded here as jest loads a test file, so its test runs as one of this file's;
 * the transcript of a refused call is the message runAction throws for that call. Both TypeScript examples
 * type-check under the repository's tsconfig; the skopeo one runs in readme.conformance.test.ts.
 */
import { REPO_ROOT } from '../src';
import { registerTests, typeErrors, writeExample } from '@ecs-delivery/testkit/readme-examples';
import { DeleteServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startSim } from '../src';
import { readDocumentedPolicies } from '../src/iam-policy';
import { deniedCallsMessage, documentedPolicies, isAccessDenied, policySession } from '../src/iam-session';
import { bodyOf, HANDLERS, PACKAGE, README } from './readme-blocks';

const deploy = writeExample(PACKAGE, 'deploy.test.ts', bodyOf(HANDLERS.deploy));
const tools = writeExample(PACKAGE, 'tools.test.ts', bodyOf(HANDLERS.tools));
afterAll(() => {
  deploy.remove();
  tools.remove();
});

test('every code block of the README is run by a test', () => {
  expect(README.problems).toEqual([]);
  expect(README.skipped).toEqual([]);
  expect(README.runs.map((r) => r.handler.tier)).toEqual(['e2e', 'e2e', 'conformance']);
});

test('the TypeScript examples type-check under the repository tsconfig', async () => {
  expect(await typeErrors([deploy.file, tools.file])).toEqual([]);
});

describe('the deploy example', () => {
  const names = registerTests(deploy.file);

  test('defines the one test it shows', () => {
    expect(names).toEqual(['deploy-ecs rolls web out to v2 and prints no secret']);
  });
});

test('the refused-call message is what runAction throws for that call, as the simulator refuses it', async () => {
  const shown = bodyOf(HANDLERS.deniedCall).replace(/ …$/, '');
  const sim = await startSim({ seed: { clusters: [{ name: 'prod' }] } });
  try {
    const policies = documentedPolicies(readDocumentedPolicies(REPO_ROOT), ['deploy-ecs'], {
      ACCOUNT: '000000000000',
      REGION: 'us-east-1',
    });
    const session = await policySession(sim.url, {
      account: '000000000000',
      names: ['deploy-ecs'],
      policies,
    });
    const ecs = new ECSClient({
      endpoint: sim.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: session,
    });
    await expect(ecs.send(new DeleteServiceCommand({ cluster: 'prod', service: 'web' }))).rejects.toThrow(
      'is not authorized to perform: ecs:DeleteService',
    );
    ecs.destroy();
    const refused = (await sim.calls({ service: 'ecs', action: 'DeleteService' })).filter(isAccessDenied);
    expect(refused).toHaveLength(1);
    expect(deniedCallsMessage('deploy-ecs', ['deploy-ecs'], refused)).toContain(shown);
  } finally {
    await sim.stop();
  }
});
