import {
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSimulator, type RunningSimulator } from '../src';
import { tally } from './front-helpers';

/** During a rolling deployment the front splits traffic across old and new tasks as their running counts say. */

const HOST = 'api.shop.ecs.sim';
const V1 = 'registry.example.com/shop/api:v1';
const V2 = 'registry.example.com/shop/api:v2';

let running: RunningSimulator;
let ecs: ECSClient;
beforeEach(async () => {
  running = await startSimulator({
    timeScale: 1,
    seed: {
      clusters: ['shop'],
      // EC2 tasks need instances with room: the four seeded tasks and two new ones at a time (512 MiB each).
      containerInstances: [{ cluster: 'shop', count: 2, memory: 2048 }],
      taskDefinitions: [{ family: 'api', containerDefinitions: [{ name: 'api', image: V1, memory: 512 }] }],
      services: [
        {
          cluster: 'shop',
          serviceName: 'api',
          taskDefinition: 'api',
          desiredCount: 4,
          deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 150 },
        },
      ],
    },
  });
  ecs = new ECSClient({
    endpoint: running.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterEach(async () => {
  ecs.destroy();
  await running.close();
});

/** Running, not stopping, tasks by image, as DescribeTasks tells it. */
async function runningByImage(): Promise<Map<string, string[]>> {
  const arns = (await ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'api' }))).taskArns ?? [];
  const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: arns }))).tasks ?? [];
  const out = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING') continue;
    const image = t.containers?.[0]?.image ?? '';
    out.set(image, [...(out.get(image) ?? []), t.taskArn!.split('/').pop()!]);
  }
  return out;
}

function sharesOf(byImage: Map<string, string[]>, counts: Map<string, number>): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const [image, ids] of byImage) shares[image] = ids.reduce((s, id) => s + (counts.get(id) ?? 0), 0);
  return shares;
}

test('traffic follows the running counts of old and new tasks through a rollout', async () => {
  const v2 = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'api',
      containerDefinitions: [{ name: 'api', image: V2, memory: 512 }],
    }),
  );
  await ecs.send(
    new UpdateServiceCommand({
      cluster: 'shop',
      service: 'api',
      taskDefinition: v2.taskDefinition!.taskDefinitionArn!,
    }),
  );

  // The first new tasks are still starting (maximumPercent 150: two at a time): only the old ones answer.
  running.sim.clock.advance(1_000);
  let byImage = await runningByImage();
  expect([byImage.get(V1)?.length, byImage.get(V2)?.length]).toEqual([4, undefined]);
  expect(sharesOf(byImage, await tally(running.url, HOST, '/', 8))).toEqual({ [V1]: 8 });

  // Two new tasks run beside the two old ones still kept (minimumHealthyPercent 100): an even split.
  running.sim.clock.advance(15_000);
  byImage = await runningByImage();
  expect([byImage.get(V1)?.length, byImage.get(V2)?.length]).toEqual([2, 2]);
  expect(sharesOf(byImage, await tally(running.url, HOST, '/', 12))).toEqual({ [V1]: 6, [V2]: 6 });

  // Once the new tasks are stable the old ones drain: only the new version answers.
  running.sim.clock.advance(60_000);
  byImage = await runningByImage();
  expect([byImage.get(V1)?.length, byImage.get(V2)?.length]).toEqual([undefined, 4]);
  expect(sharesOf(byImage, await tally(running.url, HOST, '/', 8))).toEqual({ [V2]: 8 });
});
