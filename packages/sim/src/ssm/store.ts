import { createHash } from 'node:crypto';
import { AwsError } from '../core/errors';
import { inScope } from '../core/listing';
import { Sealed } from '../core/sealed';
import type { Simulator } from '../core/simulator';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export const PARAMETER_TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
export type ParameterTier = 'Standard' | 'Advanced';

/** One version of a parameter: PutParameter with Overwrite adds one. */
export interface ParameterVersion {
  version: number;
  type: ParameterType;
  /** SecureString values are sealed, so `/_sim/state` never shows them. */
  value: string | Sealed;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  dataType: string;
  tier: ParameterTier;
  lastModifiedDate: number;
  lastModifiedUser: string;
  labels: string[];
}

export interface Parameter {
  account: string;
  region: string;
  name: string;
  tags: { Key: string; Value: string }[];
  /** Oldest first; the last is the current version. */
  versions: ParameterVersion[];
}

interface SsmState {
  /** Keyed by `account/region/name`. */
  parameters: Map<string, Parameter>;
}

export function ssmState(sim: Simulator): SsmState {
  return sim.store<SsmState>('ssm', () => ({ parameters: new Map() }));
}

const paramKey = (account: string, region: string, name: string): string => `${account}/${region}/${name}`;

export function current(param: Parameter): ParameterVersion {
  return param.versions[param.versions.length - 1]!;
}

/** `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`, without a double slash for hierarchical names. */
export function parameterArn(param: { account: string; region: string; name: string }): string {
  return `arn:aws:ssm:${param.region}:${param.account}:parameter/${param.name.replace(/^\//, '')}`;
}

/** The name as the Name and Path filters compare it: with one leading slash, as SSM treats `a` and `/a`. */
export function rooted(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

export function parametersOf(sim: Simulator, account: string, region: string): Parameter[] {
  return inScope(ssmState(sim).parameters, account, region);
}

export function findParameter(
  sim: Simulator,
  account: string,
  region: string,
  name: string,
): Parameter | undefined {
  return ssmState(sim).parameters.get(paramKey(account, region, name));
}

export function saveParameter(sim: Simulator, param: Parameter): void {
  ssmState(sim).parameters.set(paramKey(param.account, param.region, param.name), param);
}

export function removeParameter(sim: Simulator, param: Parameter): void {
  ssmState(sim).parameters.delete(paramKey(param.account, param.region, param.name));
}

/** AWS has answered a missing parameter both with this message and with none; callers must go by the code. */
export const parameterNotFound = (name: string): AwsError =>
  new AwsError('ParameterNotFound', `Parameter ${name} not found.`);

const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_MESSAGE =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of ' +
  'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the ' +
  'following 3 symbols .-_';

/** PutParameter's checks of a name, with SSM's codes and messages. */
export function validateParameterName(name: string): void {
  if (name.length < 1 || name.length > 2048) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length ${name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2048'}`,
    );
  }
  const first = (name.startsWith('/') ? name.slice(1) : name).split('/')[0]!.toLowerCase();
  if (first.startsWith('aws')) {
    throw new AwsError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
  }
  if (first.startsWith('ssm') || !NAME_CHARS.test(name) || name.includes('//')) {
    throw new AwsError('ValidationException', RESERVED_MESSAGE);
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw new AwsError('ValidationException', 'Parameter name must be a fully qualified name.');
  }
  if (name.length > 1 && name.endsWith('/')) {
    throw new AwsError('ValidationException', 'Parameter name must not end with slash.');
  }
  if (name.split('/').length - 1 > 15) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.',
    );
  }
}

/**
 * What GetParameter returns for a SecureString read without decryption: an opaque base64 blob shaped like a
 * KMS ciphertext (`AQICAH…`), derived from a hash so it cannot be turned back into the value.
 */
export function ciphertextOf(param: Parameter, version: ParameterVersion): string {
  const digest = createHash('sha256')
    .update(`${parameterArn(param)}#${version.version}#${(version.value as Sealed).reveal()}`)
    .digest();
  return Buffer.concat([Buffer.from([1, 2, 2, 0, 0x78]), digest, digest]).toString('base64');
}

export function plainValue(version: ParameterVersion): string {
  return typeof version.value === 'string' ? version.value : version.value.reveal();
}

/** The `Parameter` shape of GetParameter, GetParameters and GetParametersByPath. */
export function parameterView(
  param: Parameter,
  version: ParameterVersion,
  withDecryption: boolean,
  selector?: string,
): Record<string, unknown> {
  const secure = version.type === 'SecureString';
  return {
    Name: param.name,
    Type: version.type,
    Value: secure && !withDecryption ? ciphertextOf(param, version) : plainValue(version),
    Version: version.version,
    ...(selector !== undefined ? { Selector: selector } : {}),
    LastModifiedDate: new Date(version.lastModifiedDate),
    ARN: parameterArn(param),
    DataType: version.dataType,
  };
}

/** The `ParameterMetadata` shape of DescribeParameters: never the value. */
export function metadataView(param: Parameter): Record<string, unknown> {
  const v = current(param);
  return {
    Name: param.name,
    ARN: parameterArn(param),
    Type: v.type,
    ...(v.keyId !== undefined ? { KeyId: v.keyId } : {}),
    LastModifiedDate: new Date(v.lastModifiedDate),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  };
}
