import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecr';
import { pushImage } from '../src';
import { ecrClient, errorOf, startEcr, stopEcr, type EcrFixture } from './ecr-helpers';

let f: EcrFixture;

beforeAll(async () => {
  f = await startEcr({
    seed: {
      repositories: [
        { name: 'seeded/api', imageTagMutability: 'IMMUTABLE', scanOnPush: true },
        {
          name: 'seeded/web',
          account: '111122223333',
          region: 'eu-west-1',
          imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
          exclusions: ['latest', 'dev-*'],
        },
      ],
    },
  });
});
afterAll(() => stopEcr(f));

describe('ECR repositories', () => {
  test('CreateRepository returns a pushable repositoryUri, the ARN and the settings asked for', async () => {
    const out = await f.ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'shop/api',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'dev-*' }],
        imageScanningConfiguration: { scanOnPush: true },
        tags: [{ Key: 'team', Value: 'platform' }],
      }),
    );
    const host = new URL(f.running.url).host;
    expect(out.repository).toMatchObject({
      repositoryName: 'shop/api',
      registryId: '000000000000',
      repositoryArn: 'arn:aws:ecr:us-east-1:000000000000:repository/shop/api',
      repositoryUri: `${host}/000000000000/us-east-1/shop/api`,
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'dev-*' }],
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(out.repository!.createdAt).toBeInstanceOf(Date);

    const again = await errorOf(f.ecr.send(new CreateRepositoryCommand({ repositoryName: 'shop/api' })));
    expect(again).toEqual({
      name: 'RepositoryAlreadyExistsException',
      message: "The repository with name 'shop/api' already exists in the registry with id '000000000000'",
    });
  });

  test.each([
    ['Shop', 'InvalidParameterException'],
    ['shop//api', 'InvalidParameterException'],
    ['-shop', 'InvalidParameterException'],
    ['a', 'ValidationException'],
  ])('the name %s is refused with %s', async (repositoryName, code) => {
    const err = await errorOf(f.ecr.send(new CreateRepositoryCommand({ repositoryName })));
    expect(err.name).toBe(code);
  });

  test('exclusion filters need a *_WITH_EXCLUSION mutability and at most five filters', async () => {
    const filters = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ filterType: 'WILDCARD' as const, filter: `f${i}*` }));
    expect(
      (
        await errorOf(
          f.ecr.send(
            new CreateRepositoryCommand({
              repositoryName: 'x/one',
              imageTagMutabilityExclusionFilters: filters(1),
            }),
          ),
        )
      ).name,
    ).toBe('InvalidParameterException');
    expect(
      (
        await errorOf(
          f.ecr.send(
            new CreateRepositoryCommand({
              repositoryName: 'x/two',
              imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
              imageTagMutabilityExclusionFilters: filters(6),
            }),
          ),
        )
      ).name,
    ).toBe('ValidationException');
  });

  test('DescribeRepositories lists, filters by name and names the missing one', async () => {
    const all = await f.ecr.send(new DescribeRepositoriesCommand({}));
    expect(all.repositories!.map((r) => r.repositoryName)).toEqual(
      expect.arrayContaining(['seeded/api', 'shop/api']),
    );
    // A repository seeded in another account and region is not in this account's list.
    expect(all.repositories!.map((r) => r.repositoryName)).not.toContain('seeded/web');

    const seeded = await f.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['seeded/api'] }));
    expect(seeded.repositories![0]).toMatchObject({
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });

    const other = ecrClient(f.running.url, 'eu-west-1', '111122223333');
    const web = await other.send(new DescribeRepositoriesCommand({ repositoryNames: ['seeded/web'] }));
    expect(web.repositories![0]).toMatchObject({
      repositoryArn: 'arn:aws:ecr:eu-west-1:111122223333:repository/seeded/web',
      imageTagMutabilityExclusionFilters: [
        { filterType: 'WILDCARD', filter: 'latest' },
        { filterType: 'WILDCARD', filter: 'dev-*' },
      ],
    });
    other.destroy();

    const missing = await errorOf(f.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })));
    expect(missing).toEqual({
      name: 'RepositoryNotFoundException',
      message: "The repository with name 'nope' does not exist in the registry with id '000000000000'",
    });
  });

  test('DeleteRepository refuses a repository with images unless forced', async () => {
    await f.ecr.send(new CreateRepositoryCommand({ repositoryName: 'doomed' }));
    await pushImage({
      registryUrl: f.running.url,
      repository: f.path('doomed'),
      tags: ['v1'],
      auth: await f.auth(),
    });
    const err = await errorOf(f.ecr.send(new DeleteRepositoryCommand({ repositoryName: 'doomed' })));
    expect(err.name).toBe('RepositoryNotEmptyException');
    const out = await f.ecr.send(new DeleteRepositoryCommand({ repositoryName: 'doomed', force: true }));
    expect(out.repository!.repositoryName).toBe('doomed');
    expect(
      (await errorOf(f.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['doomed'] })))).name,
    ).toBe('RepositoryNotFoundException');
  });

  test('tags on a repository: TagResource and ListTagsForResource', async () => {
    const resourceArn = 'arn:aws:ecr:us-east-1:000000000000:repository/shop/api';
    await f.ecr.send(
      new TagResourceCommand({
        resourceArn,
        tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'team', Value: 'apps' },
        ],
      }),
    );
    const out = await f.ecr.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(out.tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'apps' },
        { Key: 'env', Value: 'dev' },
      ]),
    );
    expect(out.tags).toHaveLength(2);
  });

  test('GetAuthorizationToken returns AWS:<password>, valid 12 hours on the simulator clock, and the proxy endpoint', async () => {
    const before = f.running.sim.clock.now();
    const out = await f.ecr.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData![0]!;
    expect(data.proxyEndpoint).toBe(f.running.url);
    expect(Buffer.from(data.authorizationToken!, 'base64').toString('utf8')).toMatch(
      /^AWS:[A-Za-z0-9_-]{40,}$/,
    );
    const hours = (data.expiresAt!.getTime() - before) / 3600_000;
    expect(hours).toBeGreaterThan(11.99);
    expect(hours).toBeLessThan(12.01);
  });
});
