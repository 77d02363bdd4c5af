import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMetadata, readmeTableNames, readmeTableRows } from '@ecs-delivery/testkit';

/** The README documents exactly what action.yml declares; test/sdk-load.test.ts proves bad input loads no SDK. */

const dir = join(__dirname, '..');
const meta = readActionMetadata(dir);
const readme = readFileSync(join(dir, 'README.md'), 'utf8');

describe('deploy-ecs action.yml and README', () => {
  it('lists every input and output in the README tables, in order', () => {
    const inputs = readmeTableRows(readme, 'Inputs');
    expect(inputs.map((r) => r.name)).toEqual(Object.keys(meta.inputs));
    for (const row of inputs) {
      const def = meta.inputs[row.name]!.default;
      expect([row.name, row.cells[0]]).toEqual([row.name, def === undefined ? '' : `\`${def}\``]);
    }
    expect(readmeTableNames(readme, 'Outputs')).toEqual(meta.outputs);
  });

  it('runs on node24 with a post step only for cancellations, and describes every input', () => {
    expect(meta.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/index.js',
      postIf: 'cancelled()',
    });
    for (const [name, input] of Object.entries(meta.inputs)) {
      expect([name, input.description ?? '']).not.toEqual([name, '']);
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    for (const name of ['wait', 'rollback-on-failure', 'dry-run'])
      expect(meta.inputs[name]?.default).toMatch(/^(true|false)$/);
  });
});
