/**
 * The comparison against what ECS really returns: register a rendered definition in the simulator, read it
 * back with DescribeTaskDefinition (tags included) and check that a re-render is "the same" while an edit is not.
 */
import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@ecs-delivery/sim';
import {
  diffTaskDefinitions,
  loadTaskDefinitionFile,
  renderTaskDefinition,
  sameTaskDefinition,
  type TaskDefinitionDocument,
} from '../src/taskdef';

const fixture = (name: string): string => join(__dirname, 'fixtures', 'taskdef', name);

let sim: RunningSimulator;
let ecs: ECSClient;

beforeAll(async () => {
  sim = await startSimulator({});
  ecs = new ECSClient({
    endpoint: sim.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: '123456789012', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  ecs.destroy();
  await sim.close();
});

async function registerAndDescribe(
  input: ReturnType<typeof renderTaskDefinition>,
): Promise<TaskDefinitionDocument> {
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(input));
  const described = await ecs.send(
    new DescribeTaskDefinitionCommand({
      taskDefinition: registered.taskDefinition!.taskDefinitionArn!,
      include: ['TAGS'],
    }),
  );
  return { ...described.taskDefinition!, tags: described.tags };
}

it.each([
  ['web-template.json', { vars: { env: 'prod', region: 'eu-west-1' }, images: { web: 'repo/web:1' } }],
  [
    'worker.yaml',
    { vars: { image: 'repo/worker:1' }, environment: { MODE: 'batch' }, secrets: { DB: '/w/db' } },
  ],
  ['describe-output.json', { images: { api: 'repo/api:2025_05' } }],
])('%s: a re-render equals what ECS stored; an edit does not', async (file, options) => {
  const base = await loadTaskDefinitionFile(fixture(file));
  const rendered = renderTaskDefinition(base, options);
  const live = await registerAndDescribe(rendered);
  expect(sameTaskDefinition(renderTaskDefinition(base, options), live)).toBe(true);
  expect(diffTaskDefinitions(live, rendered)).toEqual([]);

  const edited = renderTaskDefinition(base, { ...options, environment: { NEW_SETTING: 'on' } });
  expect(sameTaskDefinition(edited, live)).toBe(false);
  expect(diffTaskDefinitions(live, edited)).toContainEqual(
    expect.objectContaining({ kind: 'environment', name: 'NEW_SETTING', change: 'added', after: 'on' }),
  );
});
