import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@ecs-delivery/testkit';

const read = (...parts: string[]): string => readFileSync(join(REPO_ROOT, ...parts), 'utf8');

/** The yaml blocks of the root README under a heading. */
function yamlBlocks(markdown: string, heading: string): string[] {
  const section = markdown.slice(markdown.indexOf(`## ${heading}\n`)).split(/\n## /)[0]!;
  return [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/**
 * One caller, shown three times: the root README's, examples/caller's (what adopters copy, and what the act
 * conformance test runs) and the api-and-workers example's (what `npm run demo` runs). They cannot drift apart.
 */
describe('the caller workflow', () => {
  const caller = read('examples', 'caller', '.github', 'workflows', 'delivery.yml');

  it('is the one the root README shows', () => {
    const blocks = yamlBlocks(read('README.md'), 'Adopting it: a caller workflow');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(caller);
    expect(caller).toMatch(/uses: ecs-delivery\/ecs-delivery\/\.github\/workflows\/promote\.yml@v1\n/);
    expect(caller.trim().split('\n').length).toBeLessThanOrEqual(12);
  });

  it('is the one the api-and-workers example delivers with, rollback included', () => {
    for (const file of ['delivery.yml', 'rollback.yml']) {
      expect(read('examples', 'api-and-workers', '.github', 'workflows', file)).toBe(
        read('examples', 'caller', '.github', 'workflows', file),
      );
    }
  });
});
