import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { SimModule, Simulator } from '../core/simulator';
import { logsActions } from './api';
import { appendLogEvents, createLogGroup, findLogGroup, logGroupExists } from './store';
import { logsPermissions } from './iam';

export type { AppendLogEventsInput } from '../core/log-sink';
export { appendLogEvents, logGroupExists } from './store';

/** Seed `logGroups`: names, or `{ name, account?, region?, retentionInDays? }`. Existing groups are kept. */
function seedLogGroups(data: unknown, sim: Simulator): void {
  seedEntries('logGroups', data, (entry) => {
    const spec: { name?: unknown; account?: unknown; region?: unknown; retentionInDays?: unknown } =
      typeof entry === 'string' ? { name: entry } : ((entry ?? {}) as Record<string, unknown>);
    if (typeof spec.name !== 'string' || spec.name === '') {
      throw new AwsError('ValidationException', 'a log group needs a name');
    }
    const account = typeof spec.account === 'string' ? spec.account : DEFAULT_ACCOUNT;
    const region = typeof spec.region === 'string' ? spec.region : DEFAULT_REGION;
    if (findLogGroup(sim, account, region, spec.name)) return;
    createLogGroup(sim, account, region, spec.name, sim.clock.now(), {
      ...(typeof spec.retentionInDays === 'number' ? { retentionInDays: spec.retentionInDays } : {}),
    });
  });
}

export const logsModule: SimModule = {
  name: 'logs',
  install(sim) {
    sim.addService({
      name: 'logs',
      protocol: 'json',
      targetPrefix: 'Logs_20140328',
      jsonVersion: '1.1',
      actions: logsActions,
      permissions: logsPermissions,
    });
    sim.logSink = {
      groupExists: (account, region, name) => logGroupExists(sim, account, region, name),
      append: (input) => appendLogEvents(sim, input),
    };
    sim.onSeed('logGroups', seedLogGroups);
  },
};
