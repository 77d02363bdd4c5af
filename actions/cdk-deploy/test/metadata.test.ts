import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMetadata, readmeTableRows } from '@ecs-delivery/testkit';

/** The README documents exactly the inputs and outputs action.yml declares, and action.yml follows STYLE.md. */

const dir = join(__dirname, '..');
const meta = readActionMetadata(dir);
const readme = readFileSync(join(dir, 'README.md'), 'utf8');

describe('action.yml and README', () => {
  it('lists every input and output in the README tables, in order, with the defaults of action.yml', () => {
    const inputs = readmeTableRows(readme, 'Inputs');
    expect(inputs.map((r) => r.name)).toEqual(Object.keys(meta.inputs));
    for (const row of inputs) {
      const def = meta.inputs[row.name]!.default;
      expect([row.name, row.cells[1]]).toEqual([row.name, def === undefined ? '' : `\`${def}\``]);
    }
    expect(readmeTableRows(readme, 'Outputs').map((r) => r.name)).toEqual(meta.outputs);
  });

  it('runs on node24 with no post step, and describes every input', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js', postIf: 'always()' });
    for (const [name, input] of Object.entries(meta.inputs)) {
      expect([name, input.description ?? '']).not.toEqual([name, '']);
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      if (input.default === 'true' || input.default === 'false') expect(input.required).toBe(false);
    }
    for (const name of ['approve-broadening', 'bootstrap', 'comment-on-pr'])
      expect(meta.inputs[name]?.default).toBe('false');
  });
});
