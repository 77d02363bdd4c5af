import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchCodeBlocks, type BlockHandler } from '@ecs-delivery/testkit/readme-examples';

/**
 * The code blocks of packages/testkit/README.md and the test tier that runs each: readme.e2e.test.ts runs the
 * `e2e` ones (and fails on any block that nothing runs), readme.conformance.test.ts the one that needs skopeo.
 */

export const PACKAGE = join(__dirname, '..');

export interface ReadmeHandler extends BlockHandler {
  tier: 'e2e' | 'conformance';
}

export const HANDLERS = {
  deploy: { match: "test('deploy-ecs rolls web out to v2", tier: 'e2e' },
  deniedCall: { match: 'deploy-ecs ran under the policy "deploy-ecs"', tier: 'e2e' },
  tools: { match: "describeWithTools('skopeo against the simulator ECR'", tier: 'conformance' },
} as const satisfies Record<string, ReadmeHandler>;

export const README = matchCodeBlocks<ReadmeHandler>(
  'README.md',
  readFileSync(join(PACKAGE, 'README.md'), 'utf8'),
  Object.values(HANDLERS),
);

/** The body of the block `handler` runs. */
export function bodyOf(handler: ReadmeHandler): string {
  const run = README.runs.find((r) => r.handler === handler);
  if (run === undefined) throw new Error(`no block of README.md matches "${handler.match}"`);
  return run.block.body;
}
