/**
 * The code blocks of packages/testkit/README.md run (see readme-blocks.ts): the deploy example is a test file,
 * written into the package and loaded here as jest loads a test file, so its test runs as one of this file's;
 * the transcript of an ungranted call is the message runAction throws for that call. Both TypeScript examples
 * type-check under the repository's tsconfig; the skopeo one runs in readme.conformance.test.ts.
 */
import { REPO_ROOT } from '../src';
import { registerTests, typeErrors, writeExample } from '@ecs-delivery/testkit/readme-examples';
import { assertCallsGranted, policyNamesFor } from '../src/iam-check';
import { readDocumentedPolicies } from '../src/iam-policy';
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

test('the ungranted-call message is what runAction throws for that call', () => {
  const shown = bodyOf(HANDLERS.ungrantedCall).replace(/ …$/, '');
  expect(() =>
    assertCallsGranted(
      'deploy-ecs',
      [{ service: 'ecs', action: 'DeleteService' }],
      readDocumentedPolicies(REPO_ROOT),
      policyNamesFor('deploy-ecs', {}),
    ),
  ).toThrow(shown);
});
