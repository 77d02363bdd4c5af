/**
 * The describeWithTools example of packages/testkit/README.md, written into the package and loaded here as jest
 * loads a test file: with skopeo on PATH its test inspects an image on the simulator's registry; without it the
 * suite is skipped with a warning, or fails under CI=true, as the README says.
 */
import { registerTests, writeExample } from '@ecs-delivery/testkit/readme-examples';
import { bodyOf, HANDLERS, PACKAGE } from './readme-blocks';

const example = writeExample(PACKAGE, 'tools.test.ts', bodyOf(HANDLERS.tools));
afterAll(() => example.remove());

describe('the describeWithTools example', () => {
  const names = registerTests(example.file);

  test('defines the one test it shows', () => {
    expect(names).toEqual(['inspects an image pushed over the registry API']);
  });
});
