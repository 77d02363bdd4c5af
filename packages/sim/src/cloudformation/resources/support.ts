import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../../core/errors';
import type { Shape } from '../../core/json-shapes';
import type { Json } from '../../core/request';
import type { CallContext } from '../../core/simulator';
import type { ResourceContext } from './types';

/** What the providers share: calling a service's own handlers, CloudFormation's failure wording, generated names. */

export type HandlerErrorCode =
  | 'InvalidRequest'
  | 'AlreadyExists'
  | 'NotFound'
  | 'AccessDenied'
  | 'Throttling'
  | 'GeneralServiceException'
  | 'ServiceInternalError';

/** A resource's failure as CloudFormation shows it in the stack's events. */
export function handlerError(message: string, code: HandlerErrorCode): Error {
  return new Error(
    `Resource handler returned message: "${message}" (RequestToken: ${randomUUID()}, HandlerErrorCode: ${code})`,
  );
}

function codeOf(err: AwsError): HandlerErrorCode {
  const code = err.code;
  if (/AlreadyExists|AlreadyOwnedByYou/.test(code)) return 'AlreadyExists';
  if (/NotFound|NoSuch/.test(code)) return 'NotFound';
  if (/AccessDenied/.test(code)) return 'AccessDenied';
  if (/Throttl|SlowDown/.test(code)) return 'Throttling';
  if (/NotEmpty|Contains/.test(code)) return 'GeneralServiceException';
  return err.status >= 500 ? 'ServiceInternalError' : 'InvalidRequest';
}

/** Whether an error is the service saying the resource is not there (a delete of it has nothing left to do). */
export function isNotFound(err: unknown): boolean {
  return err instanceof AwsError && codeOf(err) === 'NotFound';
}

/** Throws an error as the resource's failure: a service error worded as CloudFormation words it. */
export function rethrow(err: unknown): never {
  if (err instanceof AwsError) throw handlerError(err.message, codeOf(err));
  throw err;
}

/** Runs a service call; a service error becomes the resource's failure, worded as CloudFormation words it. */
export function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    return rethrow(err);
  }
}

/** Runs a delete: a resource already gone is deleted; any other service error is the resource's failure. */
export function deleting(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    if (!isNotFound(err)) rethrow(err);
  }
}

/** The failure of a create whose name is taken, as CloudFormation reports it. */
export function alreadyExists(type: string, id: string): Error {
  return handlerError(`Resource of type '${type}' with identifier '${id}' already exists.`, 'AlreadyExists');
}

/**
 * Calls one action of a simulator service through the handler its API uses, as the account's root: the same
 * validation and the same stored objects as a call over the wire. Service errors are thrown as they are.
 */
export function callApi(ctx: ResourceContext, service: string, action: string, input: Json): Json {
  const handler = ctx.sim.services.get(service)?.actions[action];
  if (!handler) throw new Error(`the simulator has no ${service}:${action}`);
  const call: CallContext = {
    sim: ctx.sim,
    service,
    action,
    account: ctx.account,
    region: ctx.region,
    principal: {
      account: ctx.account,
      arn: `arn:aws:iam::${ctx.account}:root`,
      userId: ctx.account,
      accessKeyId: 'cloudformation',
    },
    requestId: randomUUID(),
    now: ctx.now,
  };
  return (handler(call, input) ?? {}) as Json;
}

/**
 * The name CloudFormation gives a resource without one: `<stack>-<logicalId>-<RANDOM>`, the first two parts
 * shortened so the whole fits `max`; lower-cased where the service wants it (buckets, repositories).
 */
export function generatedName(ctx: ResourceContext, max: number, lowercase = false): string {
  const suffix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'X').slice(0, 12).toUpperCase();
  const room = Math.max(2, max - suffix.length - 2);
  const stackPart = ctx.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = ctx.logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return lowercase ? name.toLowerCase() : name;
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** CloudFormation passes numbers from parameters as strings; the APIs want numbers. */
export const num = (v: unknown): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))
      ? Number(v)
      : v === undefined
        ? undefined
        : NaN;

export const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;

/** Keys whose values are maps of the user's own names, copied as they are. */
const USER_MAPS = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels', 'Condition', 'Parameters']);

/** Property names whose API name is not simply the first letter lower-cased. */
const RENAMES: Record<string, string> = {
  EFSVolumeConfiguration: 'efsVolumeConfiguration',
  FilesystemId: 'fileSystemId',
  FSxWindowsFileServerVolumeConfiguration: 'fsxWindowsFileServerVolumeConfiguration',
  PlacementStrategies: 'placementStrategy',
  ProxyConfigurationProperties: 'properties',
  IPAddress: 'ipAddress',
};

/** CloudFormation's PascalCase properties into the API's camelCase shapes, recursively. */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    const name = RENAMES[k] ?? k.charAt(0).toLowerCase() + k.slice(1);
    out[name] = USER_MAPS.has(k) ? v : camelize(v);
  }
  return out;
}

/** `[{Key, Value}]` (CloudFormation's tag lists) into `[{key, value}]` or any other member names. */
export function tagList(tags: unknown, key = 'key', value = 'value'): Json[] | undefined {
  if (!Array.isArray(tags)) return undefined;
  return tags.map((t) => {
    const tag = (typeof t === 'object' && t !== null ? t : {}) as Json;
    return { [key]: str(tag['Key']) ?? '', [value]: str(tag['Value']) ?? '' };
  });
}

/** Whether any of `keys` differs between two property sets (by value). */
export function changed(before: Json, after: Json, keys: string[]): boolean {
  return keys.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * CloudFormation converts a property to the type its schema gives (a parameter's "8080" is a number where the
 * API wants an integer); this does the same against an API's request shape, leaving other values as they are.
 */
export function coerceToShape(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return value;
  if (shape === 'integer')
    return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (shape === 'string')
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  if (shape === 'boolean') return value;
  if ('list' in shape) return Array.isArray(value) ? value.map((v) => coerceToShape(v, shape.list)) : value;
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Json = {};
  for (const [key, member] of Object.entries(value as Json)) {
    const memberShape = 'map' in shape ? shape.map : shape.structure[key];
    out[key] = memberShape === undefined ? member : coerceToShape(member, memberShape);
  }
  return out;
}
