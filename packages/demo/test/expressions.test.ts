import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { condition, evaluate, expressionsIn, interpolate, type ExpressionContext } from '../src/expressions';
import { REPO_ROOT } from '@ecs-delivery/testkit';

const context = (status: ExpressionContext['status'] = 'success'): ExpressionContext => ({
  contexts: {
    inputs: { environment: 'prod', 'github-environment': '', 'smoke-test': true },
    steps: { smoke: { outcome: 'failure', outputs: { release: '{"a":"b"}' } } },
    github: { sha: 'abc', actor: 'octocat' },
  },
  status,
});

describe('GitHub expressions', () => {
  it.each([
    ['inputs.github-environment || inputs.environment', 'prod'],
    ["inputs.environment == 'PROD' && 'production' || inputs.environment", 'production'],
    ["steps.smoke.outcome == 'failure'", true],
    ["steps['smoke'].outputs.release", '{"a":"b"}'],
    ['!inputs.smoke-test', false],
    ["format('{0}-{1}', github.actor, 1)", 'octocat-1'],
    ['fromJSON(steps.smoke.outputs.release).a', 'b'],
    ["contains('imports,mirror', 'MIRROR')", true],
    ['steps.missing.outputs.x', null],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr, context())).toEqual(expected);
  });

  it('keeps a lone expression typed and fills text', () => {
    expect(interpolate('${{ inputs.smoke-test }}', context())).toBe(true);
    expect(interpolate('on ${{ inputs.environment }} by ${{ github.actor }}', context())).toBe(
      'on prod by octocat',
    );
  });

  it('runs a step only while all succeeded unless a status function says otherwise', () => {
    expect(condition(undefined, context('failure'))).toBe(false);
    expect(condition("${{ failure() && steps.smoke.outcome == 'failure' }}", context('failure'))).toBe(true);
    expect(condition('inputs.smoke-test', context('failure'))).toBe(false);
    expect(condition('${{ inputs.smoke-test }}', context())).toBe(true);
  });

  it('refuses what it does not know, naming the expression', () => {
    expect(() => evaluate("hashFiles('x')", context())).toThrow(/unknown function "hashFiles\(\)"/);
    expect(() => evaluate('vars.X', context())).toThrow(/unknown context "vars"/);
  });

  it('evaluates every expression of the reusable workflows', () => {
    const dir = join(REPO_ROOT, '.github', 'workflows');
    const contexts = {
      inputs: {},
      needs: {},
      steps: {},
      jobs: {},
      github: { token: 't', sha: 's', actor: 'a', repository: 'o/r', ref: 'refs/heads/main' },
      runner: { temp: '/tmp' },
      env: {},
    };
    let count = 0;
    for (const file of ['build.yml', 'deploy.yml', 'promote.yml', 'rollback.yml']) {
      const text = readFileSync(join(dir, file), 'utf8');
      parse(text);
      for (const expr of expressionsIn(text)) {
        expect(() => evaluate(expr, { contexts, status: 'success' })).not.toThrow();
        count++;
      }
    }
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['build.yml', 'deploy.yml', 'promote.yml', 'rollback.yml']),
    );
    expect(count).toBeGreaterThan(40);
  });
});
