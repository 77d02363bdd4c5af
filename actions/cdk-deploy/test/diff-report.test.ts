import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { countChanges, logLines, stackMarkdown, summarizeDiff, widest } from '../src/diff-report';
import { decideGate, permissionChangeOf } from '../src/gate';

/** Diff tables from @aws-cdk/cloudformation-diff's fullDiff of two templates, and the gate's decisions on them. */
const template = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'templates', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
const diff = fullDiff(template('before'), template('after'));
const changes = summarizeDiff('ShopInfra', diff);

describe('a stack diff, as a reviewer reads it', () => {
  it('sorts resources into added, changed (replacements called out) and removed, with their constructs', () => {
    expect(changes.added.map((r) => [r.logicalId, r.type, r.constructPath])).toEqual([
      ['TaskRoleDefaultPolicy', 'AWS::IAM::Policy', 'ShopInfra/TaskRole/DefaultPolicy/Resource'],
      ['WebSg', 'AWS::EC2::SecurityGroup', 'ShopInfra/WebSg/Resource'],
    ]);
    // A new repository name replaces the repository; a new retention updates the log group in place.
    expect(changes.changed.map((r) => [r.logicalId, r.replacement])).toEqual([
      ['Repository22E53BBD', 'will'],
      ['Logs6819BB44', undefined],
    ]);
    expect(changes.removed.map((r) => r.logicalId)).toEqual(['OldQueue']);
    expect(changes.otherChanges).toBe(1);
  });

  it('tables the IAM statements and security-group rules it adds, and calls them broadening', () => {
    expect(changes.permissionChange).toBe('broadening');
    expect(changes.iamStatements[0]).toEqual(['', 'Resource', 'Effect', 'Action', 'Principal', 'Condition']);
    expect(changes.iamStatements.slice(1)).toEqual([
      ['+', 'arn:aws:s3:::shop-assets/*', 'Allow', 's3:GetObject', 'AWS:${TaskRole30FC0FBB}', ''],
    ]);
    expect(changes.securityGroups.slice(1)).toEqual([
      ['+', '${WebSg.GroupId}', 'In', 'TCP 443', 'Everyone (IPv4)'],
    ]);
  });

  it('counts what the changes output reports', () => {
    expect(countChanges([changes], 2)).toEqual({
      stacks: 1,
      added: 2,
      changed: 2,
      removed: 1,
      replaced: 1,
      iam: 1,
      securityGroups: 1,
      drifted: 2,
    });
    expect(
      countChanges([summarizeDiff('Same', fullDiff(template('before'), template('before')))]),
    ).toMatchObject({
      stacks: 0,
      added: 0,
    });
  });

  it('prints one line per resource and the security tables in the log', () => {
    const lines = logLines(changes);
    expect(lines[0]).toBe('ShopInfra: 2 to add, 2 to change, 1 to remove, 1 other changes');
    expect(lines).toContain(
      '  ~ Repository22E53BBD AWS::ECR::Repository (ShopInfra/Repository/Resource) — REPLACED',
    );
    expect(lines).toContain('  - OldQueue AWS::SQS::Queue (ShopInfra/OldQueue/Resource)');
    expect(lines).toContain('  These changes broaden IAM permissions or network access.');
  });

  it('renders Markdown tables for the summary and the comment', () => {
    const md = stackMarkdown(changes);
    expect(md).toContain('### ShopInfra');
    expect(md).toContain('**1 replaced** (`Repository22E53BBD`)');
    expect(md).toContain(
      '| ♻️ replace | `Repository22E53BBD` | AWS::ECR::Repository | ShopInfra/Repository/Resource |',
    );
    expect(md).toContain('**IAM statement changes**');
    expect(md).toContain(
      '| + | arn:aws:s3:::shop-assets/* | Allow | s3:GetObject | AWS:${TaskRole30FC0FBB} |  |',
    );
    expect(md).toContain('**Security-group changes**');
    expect(md).not.toContain('\u001b[');
  });

  it('takes the widest permission change over stacks', () => {
    expect(widest(['none', 'non-broadening'])).toBe('non-broadening');
    expect(widest(['non-broadening', 'broadening', 'none'])).toBe('broadening');
    expect(widest([])).toBe('none');
  });
});

describe('the security gate on a synthetic CDK_TOOLKIT_I5060 request', () => {
  const request = (permissionChangeType: unknown): unknown => ({
    motivation: 'Stack includes security-sensitive updates',
    permissionChangeType,
    templateDiffs: { ShopInfra: diff },
  });

  it.each<[unknown, boolean, boolean]>([
    ['none', false, true],
    ['non-broadening', false, true],
    ['broadening', false, false],
    ['broadening', true, true],
    // Fails closed: a type it does not know is broadening.
    ['sweeping', false, false],
    [undefined, false, false],
  ])('permissionChangeType %j, approve-broadening %s → approve %s', (type, approve, expected) => {
    const decision = decideGate(request(type), approve);
    expect(decision.approve).toBe(expected);
    expect(decision.changes.map((c) => c.stack)).toEqual(['ShopInfra']);
  });

  it('keeps the broadening statements for the refusal', () => {
    const decision = decideGate(request('broadening'), false);
    expect(decision.reason).toMatch(/approve-broadening is false/);
    expect(decision.changes[0]!.iamStatements).toHaveLength(2);
    expect(permissionChangeOf({})).toBe('broadening');
  });
});
