/**
 * The circuit breaker's failure threshold, as the ECS API reference gives it (API_ThresholdConfiguration,
 * API_ServiceDeploymentCircuitBreaker): by default 50 % of the desired count rounded up, at least 3 and at most
 * 200 (BOUNDED_PERCENT 50); `thresholdConfiguration` COUNT uses its value as it is, BOUNDED_PERCENT takes that
 * percentage of the desired count within 3..200, UNBOUNDED_PERCENT without the bounds. DescribeServiceDeployments
 * shows it from the moment a deployment starts.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  UpdateServiceCommand,
  type DeploymentCircuitBreaker,
  type ServiceDeploymentCircuitBreaker,
} from '@aws-sdk/client-ecs';
import { register, startHarness, stopHarness, subnets, waitFor, type Harness } from './ecs-helpers';

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

async function circuitOf(hh: Harness, service: string): Promise<ServiceDeploymentCircuitBreaker> {
  const described = await hh.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: [service] }));
  const arn = described.services![0]!.currentServiceDeployment!;
  const out = await hh.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  return out.serviceDeployments![0]!.deploymentCircuitBreaker!;
}

async function createService(
  hh: Harness,
  name: string,
  desiredCount: number,
  breaker: DeploymentCircuitBreaker,
  image = 'public.ecr.aws/acme/api:1.0',
): Promise<void> {
  const taskDefinition = await register(hh.ecs, name, image);
  await hh.ecs.send(
    new CreateServiceCommand({
      cluster: 'shop',
      serviceName: name,
      taskDefinition,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: subnets,
      deploymentConfiguration: { deploymentCircuitBreaker: breaker },
    }),
  );
}

const on = { enable: true, rollback: false };

// [desired count, thresholdConfiguration (none: the default), the threshold ECS uses]
const cases: [number, DeploymentCircuitBreaker['thresholdConfiguration'], number][] = [
  [1, undefined, 3],
  [6, undefined, 3],
  [7, undefined, 4],
  [40, undefined, 20],
  [400, undefined, 200],
  [401, undefined, 200],
  [1000, undefined, 200],
  [10, { type: 'COUNT', value: 1 }, 1],
  [10, { type: 'COUNT', value: 250 }, 250],
  [10, { type: 'BOUNDED_PERCENT', value: 10 }, 3],
  [10, { type: 'BOUNDED_PERCENT', value: 75 }, 8],
  [1000, { type: 'BOUNDED_PERCENT', value: 50 }, 200],
  [10, { type: 'UNBOUNDED_PERCENT', value: 10 }, 1],
  [1000, { type: 'UNBOUNDED_PERCENT', value: 50 }, 500],
  [3, { type: 'UNBOUNDED_PERCENT', value: 50 }, 2],
];

const table = cases.map(([desiredCount, thresholdConfiguration, threshold]) => ({
  desiredCount,
  thresholdConfiguration,
  threshold,
  label: thresholdConfiguration
    ? `${thresholdConfiguration.type} ${thresholdConfiguration.value}`
    : 'the default',
}));

test.each(table)(
  'desired count $desiredCount with $label: the threshold is $threshold',
  async ({ desiredCount, thresholdConfiguration, threshold }) => {
    h = await startHarness(1, { clusters: ['shop'] });
    await createService(h, 'api', desiredCount, {
      ...on,
      ...(thresholdConfiguration ? { thresholdConfiguration } : {}),
    });
    expect(await circuitOf(h, 'api')).toEqual({ status: 'MONITORING', failureCount: 0, threshold });
  },
);

test('the threshold follows the latest desired count: an UpdateService that scales recomputes it', async () => {
  h = await startHarness(1);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  await createService(h, 'api', 2, {
    ...on,
    thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 },
  });
  expect((await circuitOf(h, 'api')).threshold).toBe(1);
  const v2 = await register(h.ecs, 'api', 'public.ecr.aws/acme/api:2.0');
  await h.ecs.send(
    new UpdateServiceCommand({ cluster: 'shop', service: 'api', taskDefinition: v2, desiredCount: 30 }),
  );
  expect((await circuitOf(h, 'api')).threshold).toBe(15);
});

test('a COUNT of 1 trips on the first failed task, where the default would wait for 3', async () => {
  h = await startHarness(400);
  await h.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  h.sim.sim.scenario.add([{ image: '*api:crash', task: { failToStart: 'CannotStartContainerError: boom' } }]);
  await createService(
    h,
    'api',
    4,
    { ...on, thresholdConfiguration: { type: 'COUNT', value: 1 } },
    'public.ecr.aws/acme/api:crash',
  );
  const tripped = await waitFor('the circuit breaker to trip', async () => {
    const circuit = await circuitOf(h!, 'api');
    return circuit.status === 'TRIGGERED' ? circuit : undefined;
  });
  expect(tripped).toEqual({ status: 'TRIGGERED', failureCount: 1, threshold: 1 });
  const service = (await h.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })))
    .services![0]!;
  expect(service.deployments![0]!.rolloutState).toBe('FAILED');
});
