import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { Sealed } from '../core/sealed';
import { seedEntries } from '../core/seed-entries';
import type { SimModule, Simulator } from '../core/simulator';
import { optional, putParameter, ssmActions } from './api';
import { lookupRef, parseParameterRef, selectVersion } from './resolve';
import { type Parameter, ssmState, type ParameterType } from './store';
import { ssmPermissions } from './iam';

export { findParameter, parameterArn, type Parameter, type ParameterType } from './store';

/**
 * The parameter a reference names, as ECS's `valueFrom` or GetParameter takes it: a name or an ARN, with an
 * optional `:version` selector. A name is looked up in `account` and `region`; an ARN names its own.
 */
export function findParameterRef(
  sim: Simulator,
  account: string,
  region: string,
  ref: string,
): Parameter | undefined {
  return lookupRef(sim, parseParameterRef({ account, region }, ref));
}

/** Whether ECS would get a value for this `valueFrom`: the parameter exists, and so does the version it selects. */
function resolves(sim: Simulator, account: string, region: string, ref: string): boolean {
  const parsed = parseParameterRef({ account, region }, ref);
  const param = lookupRef(sim, parsed);
  if (!param) return false;
  try {
    selectVersion(param, parsed.selector);
    return true;
  } catch {
    return false;
  }
}

/** One entry of the seed document's `parameters` list. */
export interface ParameterSeed {
  name: string;
  value: string;
  type?: ParameterType;
  description?: string;
  account?: string;
  region?: string;
}

/** Seed `parameters`: `[{name, value, type?, description?, account?, region?}]`; seeding again overwrites. */
function seedParameters(data: unknown, sim: Simulator): void {
  seedEntries('parameters', data, (entry) => {
    const seed = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<
      Record<keyof ParameterSeed, unknown>
    >;
    if (typeof seed.name !== 'string' || typeof seed.value !== 'string') {
      throw new AwsError('ValidationException', 'a parameter needs a string "name" and "value"');
    }
    const str = (key: keyof ParameterSeed): string | undefined => {
      const value = seed[key];
      if (value === undefined) return undefined;
      if (typeof value !== 'string') throw new AwsError('ValidationException', `${key} must be a string`);
      return value;
    };
    const account = str('account') ?? DEFAULT_ACCOUNT;
    putParameter(sim, {
      account,
      region: str('region') ?? DEFAULT_REGION,
      name: seed.name,
      value: seed.value,
      type: (str('type') ?? 'String') as ParameterType,
      overwrite: true,
      ...optional('description', str('description')),
      user: `arn:aws:iam::${account}:user/sim-seed`,
      now: sim.clock.now(),
    });
  });
}

/** SSM Parameter Store (awsJson1_1): parameters per account and region, versions, SecureString values. */
export const ssmModule: SimModule = {
  name: 'ssm',
  install(sim) {
    sim.addService({
      name: 'ssm',
      protocol: 'json',
      targetPrefix: 'AmazonSSM',
      jsonVersion: '1.1',
      actions: ssmActions,
      permissions: ssmPermissions,
    });
    sim.onSeed('parameters', seedParameters);
    sim.executionSecrets = {
      ...sim.executionSecrets,
      missingParameters: (account, region, refs) =>
        refs.filter((ref) => !resolves(sim, account, region, ref)),
    };
    ssmState(sim);
    sim.secrets.addSource(() =>
      [...ssmState(sim).parameters.values()].flatMap((param) =>
        param.versions.flatMap((v) =>
          v.type === 'SecureString' && v.value instanceof Sealed
            ? [{ kind: 'ssm:SecureString', value: v.value.reveal() }]
            : [],
        ),
      ),
    );
  },
};
