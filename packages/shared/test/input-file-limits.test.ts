import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../src';
import { loadManifest, parseManifest } from '../src/manifest';
import { loadTaskDefinitionFile } from '../src/taskdef';

const dir = mkdtempSync(join(tmpdir(), 'input-file-limits-'));

async function refusal(promise: Promise<unknown>): Promise<ConfigurationError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigurationError);
  return err as ConfigurationError;
}

describe('files an input names are bounded before they are read', () => {
  it('a task-definition file over ECS 64 KiB is refused without parsing it', async () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ family: 'web', pad: 'x'.repeat(15 * 1024 * 1024) }));
    const err = await refusal(loadTaskDefinitionFile(file));
    expect(err.input).toBe('task-definition');
    expect(err.message).toMatch(/which has \d+ bytes: at most 65536 are read/);
  });

  it('a manifest over 1 MiB is refused, naming the input', async () => {
    const file = join(dir, 'huge.yml');
    writeFileSync(file, `version: 1\nname: ${'n'.repeat(5 * 1024 * 1024)}\n`);
    const err = await refusal(loadManifest(file));
    expect(err.input).toBe('manifest');
    expect(err.message).toContain('at most 1048576 are read');
  });

  it("a manifest's name is at most 128 characters", () => {
    expect(() =>
      parseManifest(`version: 1\nname: ${'n'.repeat(200)}\nservices: {}\nenvironments: {}\n`),
    ).toThrow(/name/);
  });

  it('a YAML alias bomb is a manifest problem with the file, not the library crashing', () => {
    const bomb = [
      'version: 1',
      'name: bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    let err: unknown;
    try {
      parseManifest(bomb, { file: 'deploy/ecs.yml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).input).toBe('manifest');
    expect((err as Error).message).toContain('deploy/ecs.yml');
    expect((err as Error).message).toContain('its aliases cannot be expanded');
  });
});
