import { DescribeImagesCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import {
  documentedPolicies,
  expectNoSecrets,
  readDocumentedPolicies,
  REPO_ROOT,
  runAction,
  type IamPolicy,
} from '@ecs-delivery/testkit';
import { ACCOUNT, ecrOf, OTHER_ACCOUNT, oidcTrust, seedImage, uriOf, useSim } from './sim-helpers';

/**
 * docs/iam.md's build-push-promote policy for a target account promoting from `source`, and the source role's
 * policy the document describes: the login and the ReadSourceRepositories statement, in its own account.
 */
function promotePolicies(target: string, source: string): { promoter: IamPolicy; reader: IamPolicy } {
  const values = { REGION: 'us-east-1', APP: 'shop' };
  const docs = readDocumentedPolicies(REPO_ROOT);
  const [promoter] = documentedPolicies(docs, ['build-push-promote'], {
    ...values,
    ACCOUNT: target,
    SOURCE_ACCOUNT: source,
  });
  const [own] = documentedPolicies(docs, ['build-push-promote'], {
    ...values,
    ACCOUNT: source,
    SOURCE_ACCOUNT: source,
  });
  const reader = {
    ...own!,
    Statement: own!.Statement.filter((s) => s.Sid === 'RegistryLogin' || s.Sid === 'ReadSourceRepositories'),
  };
  return { promoter: promoter!, reader };
}

/** Promote mode end to end: the bundled action re-tags images in the simulator's ECR. */

const sim = useSim();

async function tagsOf(repository: string, digest: string, account = ACCOUNT): Promise<string[]> {
  const ecr = ecrOf(sim(), account);
  try {
    const out = await ecr.send(
      new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }),
    );
    return [...(out.imageDetails?.[0]?.imageTags ?? [])].sort();
  } finally {
    ecr.destroy();
  }
}

describe('promote mode', () => {
  it('adds tags to the same digest within one repository, moving no bytes, and a re-run changes nothing', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    const digest = await seedImage(sim(), 'shop/api', ['dev-0123456789ab']);
    const uri = uriOf(sim(), 'shop/api');
    const since = Date.now() + 1;

    const first = await runAction('build-push', {
      sim: sim(),
      inputs: {
        repository: 'shop/api',
        'source-image': 'shop/api:dev-0123456789ab',
        tags: 'prod-0123456789ab',
      },
    });
    expect(first.annotations).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toEqual({
      'image-ref': `${uri}@${digest}`,
      digest,
      image: `${uri}:prod-0123456789ab`,
      tags: 'prod-0123456789ab',
      registry: new URL(sim().url).host,
      pushed: 'true',
    });
    expect(await tagsOf('shop/api', digest)).toEqual(['dev-0123456789ab', 'prod-0123456789ab']);
    expect(first.summary).toContain('promoted from');
    expect(first.summary).toContain(digest);
    // Same repository: no registry token, no layer check, no upload.
    const calls = (await sim().calls({ service: 'ecr', since })).map((c) => c.action);
    expect(calls).not.toContain('GetAuthorizationToken');
    expect(calls).not.toContain('BatchCheckLayerAvailability');
    expect(calls.filter((a) => a === 'PutImage')).toHaveLength(1);

    const again = await runAction('build-push', {
      sim: sim(),
      inputs: { repository: uri, 'source-image': `${uri}@${digest}`, tags: 'prod-0123456789ab' },
    });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.pushed).toBe('false');
    expect(again.outputs.digest).toBe(digest);
    expect(again.summary).toContain('skipped');
    expectNoSecrets(first, [...first.masks, ...(await sim().issuedSecrets())]);
  });

  it('copies the layers another repository lacks (mounting them within one registry), then puts the same digest', async () => {
    await sim().seed({
      repositories: [{ name: 'shop/api' }, { name: 'release/api', imageTagMutability: 'IMMUTABLE' }],
    });
    const digest = await seedImage(sim(), 'shop/api', ['dev-1']);

    const run = await runAction('build-push', {
      sim: sim(),
      inputs: { repository: 'release/api', 'source-image': `shop/api@${digest}`, tags: 'v1.0.0\nrelease-1' },
    });
    expect(run.annotations).toEqual([]);
    expect(run.outputs['image-ref']).toBe(`${uriOf(sim(), 'release/api')}@${digest}`);
    expect(run.outputs.tags).toBe('v1.0.0\nrelease-1');
    expect(await tagsOf('release/api', digest)).toEqual(['release-1', 'v1.0.0']);
    expect(run.log).toMatch(/Layers: 2 mounted, 0 copied/);
    expect(run.summary).toContain('2 mounted, 0 copied');
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);
  });

  it('promotes across accounts with a role per account, copying the layers through the registry', async () => {
    await sim().seed({
      repositories: [
        { name: 'shop/api' },
        { name: 'shop/api', account: OTHER_ACCOUNT, imageTagMutability: 'IMMUTABLE' },
      ],
      roles: [
        {
          name: 'ecr-reader',
          account: ACCOUNT,
          trustPolicy: oidcTrust(ACCOUNT),
          policies: [promotePolicies(OTHER_ACCOUNT, ACCOUNT).reader],
        },
        {
          name: 'ecr-promoter',
          account: OTHER_ACCOUNT,
          trustPolicy: oidcTrust(OTHER_ACCOUNT),
          policies: [promotePolicies(OTHER_ACCOUNT, ACCOUNT).promoter],
        },
      ],
    });
    const digest = await seedImage(sim(), 'shop/api', ['dev-2'], { content: 'cross-account\n' });
    const source = `${uriOf(sim(), 'shop/api')}@${digest}`;
    const inputs = {
      repository: 'shop/api',
      'source-image': source,
      tags: 'prod-2',
      'role-to-assume': `arn:aws:iam::${OTHER_ACCOUNT}:role/ecr-promoter`,
      'source-role-to-assume': `arn:aws:iam::${ACCOUNT}:role/ecr-reader`,
    };
    const oidc = { repository: 'acme/shop', ref: 'refs/heads/main' };

    const run = await runAction('build-push', { sim: sim(), oidc, inputs });
    expect(run.annotations).toEqual([]);
    expect(run.outputs['image-ref']).toBe(`${uriOf(sim(), 'shop/api', OTHER_ACCOUNT)}@${digest}`);
    expect(run.log).toMatch(/Layers: 0 mounted, 2 copied/);
    expect(await tagsOf('shop/api', digest, OTHER_ACCOUNT)).toEqual(['prod-2']);
    expectNoSecrets(run, [...run.masks, ...(await sim().issuedSecrets())]);

    const again = await runAction('build-push', { sim: sim(), oidc, inputs });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.pushed).toBe('false');
  });

  it('creates a missing target repository when asked: IMMUTABLE, scanning on push', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api' }] });
    const digest = await seedImage(sim(), 'shop/api', ['dev-3']);
    const inputs = { repository: 'release/api', 'source-image': 'shop/api:dev-3', tags: 'v3' };

    const refused = await runAction('build-push', { sim: sim(), inputs });
    expect(refused.annotations[0]?.message).toBe(
      'Configuration error: Input "repository" names repository "release/api", which does not exist ' +
        '(set create-repository: true to create it).',
    );

    const run = await runAction('build-push', {
      sim: sim(),
      inputs: { ...inputs, 'create-repository': true },
    });
    expect(run.annotations).toEqual([]);
    expect(run.log).toContain('Created repository release/api (IMMUTABLE tags, scan on push).');
    expect(run.outputs.digest).toBe(digest);
    const ecr = ecrOf(sim());
    try {
      const repo = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['release/api'] })))
        .repositories![0]!;
      expect(repo.imageTagMutability).toBe('IMMUTABLE');
      expect(repo.imageScanningConfiguration?.scanOnPush).toBe(true);
    } finally {
      ecr.destroy();
    }
  });

  it('refuses a tag that names another image in the target, before changing anything', async () => {
    await sim().seed({ repositories: [{ name: 'shop/api', imageTagMutability: 'IMMUTABLE' }] });
    const a = await seedImage(sim(), 'shop/api', ['dev-a'], { content: 'a\n' });
    const b = await seedImage(sim(), 'shop/api', ['prod-1'], { content: 'b\n' });

    const run = await runAction('build-push', {
      sim: sim(),
      inputs: { repository: 'shop/api', 'source-image': `shop/api@${a}`, tags: 'prod-1' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toContain(`Tag "prod-1" already exists in shop/api on digest ${b}`);
    expect(await sim().calls({ service: 'ecr', action: 'PutImage' })).toHaveLength(0);
  });
});
