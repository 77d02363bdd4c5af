import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMetadata, readmeTableNames } from '@ecs-delivery/testkit';

/** The README documents exactly the inputs and outputs action.yml declares, and action.yml follows STYLE.md. */

const dir = join(__dirname, '..');
const meta = readActionMetadata(dir);
const readme = readFileSync(join(dir, 'README.md'), 'utf8');

describe('action.yml and README', () => {
  it('lists every input and output in the README tables, in order', () => {
    expect(readmeTableNames(readme, 'Inputs')).toEqual(Object.keys(meta.inputs));
    expect(readmeTableNames(readme, 'Outputs')).toEqual(meta.outputs);
  });

  it('runs on node24 with no post step, and describes every input', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js', postIf: 'always()' });
    for (const [name, input] of Object.entries(meta.inputs)) {
      expect([name, input.description ?? '']).not.toEqual([name, '']);
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });
});
