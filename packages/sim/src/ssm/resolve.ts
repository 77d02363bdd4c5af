import { AwsError } from '../core/errors';
import type { CallContext, Simulator } from '../core/simulator';
import { findParameter, type Parameter, type ParameterVersion } from './store';

/** A name as GetParameter takes it: a name or an ARN, optionally with a `:version` or `:label` selector. */
export interface ParameterRef {
  account: string;
  region: string;
  /** The candidates the reference may name: an ARN's `parameter/x` is `/x` or `x`. */
  names: string[];
  selector?: string;
}

export function parseParameterRef(ctx: Pick<CallContext, 'account' | 'region'>, ref: string): ParameterRef {
  let account = ctx.account;
  let region = ctx.region;
  let rest = ref;
  let fromArn = false;
  const arn = /^arn:aws[a-z-]*:ssm:([a-z0-9-]*):(\d{12}):parameter(\/.*)$/.exec(ref);
  if (arn) {
    region = arn[1]!;
    account = arn[2]!;
    rest = arn[3]!;
    fromArn = true;
  }
  const colon = rest.indexOf(':');
  const name = colon >= 0 ? rest.slice(0, colon) : rest;
  const selector = colon >= 0 ? rest.slice(colon) : undefined;
  const names = fromArn ? [name, name.slice(1)] : [name];
  return { account, region, names, ...(selector !== undefined ? { selector } : {}) };
}

export function lookupRef(sim: Simulator, ref: ParameterRef): Parameter | undefined {
  for (const name of ref.names) {
    const found = findParameter(sim, ref.account, ref.region, name);
    if (found) return found;
  }
  return undefined;
}

/** The version a selector names (`:3` a version, `:prod` a label), or the current one. */
export function selectVersion(param: Parameter, selector: string | undefined): ParameterVersion {
  if (selector === undefined) return param.versions[param.versions.length - 1]!;
  const wanted = selector.slice(1);
  const found = /^\d+$/.test(wanted)
    ? param.versions.find((v) => v.version === Number(wanted))
    : param.versions.find((v) => v.labels.includes(wanted));
  if (!found) {
    throw new AwsError(
      'ParameterVersionNotFound',
      `Systems Manager could not find version ${wanted} of ${param.name}. Verify the version and try again.`,
    );
  }
  return found;
}
