import { BatchDeleteImageCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DeregisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { expectNoSecrets } from '@ecs-delivery/testkit';
import {
  actionsSince,
  CLUSTER,
  deployWithSdk,
  describeService,
  mutatingSince,
  REGION,
  revisionsOf,
  rollback,
  seedServices,
  services,
  uriOf,
  useSim,
  visible,
  withEcs,
} from './sim-helpers';

const sim = useSim();
/** In the fixtures folder, the workspace `rollback` runs in. */
const MANIFEST = 'release.yml';
const TOKEN = 'ghs_refusal_token_9876543210';

/** web:1 on v1 (seeded), web:2 on v2 deployed and steady. */
async function webOnV2(): Promise<{ v1: string; v2: string; web2: string }> {
  const digests = (await seedServices(sim(), [{ name: 'web', tags: ['v1', 'v2'] }])).web!;
  const web2 = await deployWithSdk(sim(), 'web', digests.v2!);
  return { v1: digests.v1!, v2: digests.v2!, web2 };
}

describe('dry-run', () => {
  it('shows where each service would go and makes no mutating call', async () => {
    const { web2 } = await webOnV2();
    const uri = uriOf(sim(), 'shop/web');
    for (const [to, goesTo] of [
      ['previous-successful', /web:1$/],
      [`${uri}:v1`, /^$/],
    ] as const) {
      const since = Date.now() + 1;
      const run = await rollback(sim(), {
        cluster: CLUSTER,
        service: 'web',
        to,
        'dry-run': 'true',
        'github-token': TOKEN,
      });
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs.outcome).toBe('dry_run');
      expect(run.outputs['previous-task-definition-arn']).toBe(web2);
      expect(run.outputs['task-definition-arn']).toMatch(goesTo);
      expect(run.log).toContain('dry-run: nothing was registered, stopped or updated.');
      expect(run.summary).toContain('## rollback: dry_run');
      expect(run.summary).toContain('Task definition changes (1)');
      expect(services(run)[0]).toMatchObject({ outcome: 'dry_run', method: 'update-service' });
      const calls = await actionsSince(sim(), since);
      expect(calls.filter((c) => c.startsWith('ecs:Describe')).length).toBeGreaterThan(0);
      expect(await mutatingSince(sim(), since)).toEqual([]);
      expect(calls.filter((c) => c.startsWith('github:'))).toEqual([]);
      expectNoSecrets(run, [TOKEN, ...run.masks]);
    }
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(web2);
    expect(await revisionsOf(sim(), 'web')).toHaveLength(2);
  });
});

describe('targets refused before any change', () => {
  it.each([
    [
      'previous-successful',
      'the last successful deployment of web before the current one ran web:1, which is INACTIVE',
    ],
    ['web:1', 'task definition web:1 is INACTIVE (deregistered)'],
  ])('a deregistered target (%s)', async (to, message) => {
    await webOnV2();
    await withEcs(sim(), (ecs) => ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' })));
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.title).toBe('Configuration error');
    expect(error?.message).toContain('Input "to"');
    expect(error?.message).toContain(message);
    expect(error?.message).toContain('Nothing was changed.');
    expect(await mutatingSince(sim(), since)).toEqual([]);
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/web:2$/);
  });

  it('a task definition of another family, unless allow-other-family says so', async () => {
    const digests = await seedServices(sim(), [
      { name: 'web', tags: ['v1', 'v2'] },
      { name: 'api', tags: ['v1'] },
    ]);
    const web2 = await deployWithSdk(sim(), 'web', digests.web!.v2!);
    const since = Date.now() + 1;
    const refused = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: 'api:1' });
    expect(refused.exitCode).toBe(1);
    const error = refused.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain(
      'Input "to": the target api:1 is of another family than the current web:2',
    );
    expect(error?.message).toContain('allow-other-family: true');
    expect(await mutatingSince(sim(), since)).toEqual([]);
    expect((await describeService(sim(), 'web')).taskDefinition).toBe(web2);

    const allowed = await rollback(sim(), {
      cluster: CLUSTER,
      service: 'web',
      to: 'api:1',
      'allow-other-family': 'true',
    });
    expect(allowed.exitCode).toBe(0);
    expect(visible(allowed)).toContain(
      'the target api:1 is of another family than the current web:2 (allow-other-family is true)',
    );
    expect((await describeService(sim(), 'web')).taskDefinition).toMatch(/task-definition\/api:1$/);
  });

  it('a target whose image is gone from ECR', async () => {
    await webOnV2();
    const ecr = new ECRClient({
      endpoint: sim().url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await ecr.send(
      new BatchDeleteImageCommand({ repositoryName: 'shop/web', imageIds: [{ imageTag: 'v1' }] }),
    );
    ecr.destroy();
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web' });
    expect(run.exitCode).toBe(1);
    expect(visible(run)).toContain(
      'Input "to": the image of container "web" of web:1 (the rollback target of web)',
    );
    expect(visible(run)).toContain('is not in ECR');
    expect(await mutatingSince(sim(), since)).toEqual([]);
  });

  it.each<[string, (uri: string) => string, string]>([
    [
      'an image missing from ECR',
      (uri) => `${uri}:v9`,
      'the image of container "web" of web, URI:v9, is not in ECR: repository shop/web has no image with tag v9',
    ],
    [
      'an image for a container the definition does not have',
      (uri) => `api=${uri}:v1`,
      'names the container "api", which web:2 does not have; its containers are "web"',
    ],
    ['a task definition that does not exist', () => 'web:9', 'task definition web:9 does not exist'],
  ])('%s', async (_what, to, message) => {
    await webOnV2();
    const uri = uriOf(sim(), 'shop/web');
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web', to: to(uri) });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('Input "to"');
    expect(error?.message).toContain(message.replace('URI', uri));
    expect(await mutatingSince(sim(), since)).toEqual([]);
  });

  it('no successful deployment before the current one', async () => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1'] }]);
    const since = Date.now() + 1;
    const run = await rollback(sim(), { cluster: CLUSTER, service: 'web' });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain(
      'Input "to": no successful deployment of web before its current task definition web:1 is known',
    );
    expect(error?.message).toContain('Give "to" a task definition (family:revision or an ARN) or an image.');
    expect(await mutatingSince(sim(), since)).toEqual([]);
  });
});

describe('bad inputs: named clearly, before any AWS call', () => {
  const ARN = `arn:aws:ecs:${REGION}:000000000000`;
  // [what, inputs over cluster + service, message]
  const cases: [string, Record<string, string>, string][] = [
    [
      'an unknown form of to',
      { to: 'latest' },
      'Input "to" must be "previous-successful", a task definition (an ARN, or family:revision like web:42), or an image',
    ],
    ['a family without a revision', { to: 'web' }, 'Input "to" must be "previous-successful"'],
    [
      'an ARN of something else',
      { to: `${ARN}:service/shop/web` },
      'Input "to" is an ARN, but not one of a task-definition revision',
    ],
    [
      'a task-definition ARN without a revision',
      { to: `${ARN}:task-definition/web` },
      'Input "to" is an ARN, but not one of a task-definition revision',
    ],
    [
      'an image without a tag or digest',
      { to: 'registry.example.com/shop/web' },
      'Input "to" must be an image as <repository>@sha256:<digest> or <repository>:<tag>',
    ],
    [
      'an image with a short digest',
      { to: 'registry.example.com/shop/web@sha256:abc' },
      'Input "to" must be an image as <repository>@sha256:<digest> or <repository>:<tag>',
    ],
    [
      'a container name with a space',
      { to: 'my web=registry.example.com/shop/web:v1' },
      'Input "to" names the container "my web" before "="',
    ],
    [
      'cluster and service with a manifest',
      { manifest: MANIFEST, environment: 'dev' },
      'Input "cluster" names one service and cannot be combined with "manifest"',
    ],
    [
      'a manifest without an environment',
      { cluster: '', service: '', manifest: MANIFEST },
      'Input "environment" is required with "manifest"',
    ],
    [
      'an environment the manifest does not define',
      { cluster: '', service: '', manifest: MANIFEST, environment: 'prod' },
      'Input "environment" is "prod", which the manifest',
    ],
    [
      'a service the manifest does not define',
      { cluster: '', service: '', manifest: MANIFEST, environment: 'dev', services: 'cart' },
      'Input "services" names "cart", not in the manifest',
    ],
    [
      'a task definition with a manifest',
      { cluster: '', service: '', manifest: MANIFEST, environment: 'dev', to: 'web:1' },
      'Input "to" must be "previous-successful" with "manifest"',
    ],
    [
      'an environment without a manifest',
      { environment: 'dev' },
      'Input "environment" only applies with "manifest"',
    ],
    ['services without a manifest', { services: 'web' }, 'Input "services" only applies with "manifest"'],
    ['no service', { service: '' }, 'Input "service" is required'],
    ['no cluster', { cluster: '' }, 'Input "cluster" is required'],
    ['an invalid timeout', { timeout: 'ten minutes' }, 'Input "timeout" must be a duration'],
    ['a bad boolean', { wait: 'maybe' }, 'Input "wait" must be true or false'],
    ['a bad dry-run', { 'dry-run': 'perhaps' }, 'Input "dry-run" must be true or false'],
    ['a session too short', { 'role-duration-seconds': '60' }, 'Input "role-duration-seconds"'],
  ];

  it.each(cases)('%s', async (_what, inputs, message) => {
    await seedServices(sim(), [{ name: 'web', tags: ['v1'] }]);
    const since = Date.now() + 1;
    const run = await rollback(sim(), {
      cluster: CLUSTER,
      service: 'web',
      'github-token': TOKEN,
      ...inputs,
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.title).toBe('Configuration error');
    expect(error?.message).toContain(message);
    expect(await actionsSince(sim(), since)).toEqual([]);
    expectNoSecrets(run, [TOKEN]);
  });
});
