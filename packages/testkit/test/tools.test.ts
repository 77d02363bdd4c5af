import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath, missingToolsFail } from '../src';

describe('findOnPath', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'testkit-tools-'));
    for (const d of ['a', 'b', 'c']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'a', 'podman'), 'not executable');
    mkdirSync(join(dir, 'b', 'podman'));
    writeFileSync(join(dir, 'c', 'podman'), '#!/bin/sh\n');
    chmodSync(join(dir, 'c', 'podman'), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the first executable file on PATH, as a shell does', () => {
    const path = ['', 'relative/bin', join(dir, 'a'), join(dir, 'b'), join(dir, 'c')].join(delimiter);
    expect(findOnPath('podman', path)).toBe(join(dir, 'c', 'podman'));
    expect(findOnPath('skopeo', path)).toBeUndefined();
    expect(findOnPath('podman', join(dir, 'a'))).toBeUndefined();
  });
});

it('a missing conformance tool fails only under CI=true', () => {
  expect(missingToolsFail({ CI: 'true' })).toBe(true);
  expect(missingToolsFail({ CI: 'false' })).toBe(false);
  expect(missingToolsFail({})).toBe(false);
});
