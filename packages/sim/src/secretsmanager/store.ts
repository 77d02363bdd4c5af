import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../core/errors';
import { inScope } from '../core/listing';
import { Sealed } from '../core/sealed';
import type { Simulator } from '../core/simulator';

/** One version of a secret; its staging labels say which is AWSCURRENT, AWSPREVIOUS, AWSPENDING. */
export interface SecretVersion {
  versionId: string;
  /** SecretString, or SecretBinary kept as base64; sealed so `/_sim/state` never shows it. */
  value: Sealed;
  binary: boolean;
  stages: string[];
  createdDate: number;
}

export interface Secret {
  account: string;
  region: string;
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  createdDate: number;
  lastChangedDate: number;
  /** Day granularity, as Secrets Manager reports it. */
  lastAccessedDate?: number;
  /** Set by DeleteSecret: when the secret will be gone for good. */
  deletionDate?: number;
  versions: SecretVersion[];
}

interface SecretsState {
  /** Keyed by `account/region/name`. */
  secrets: Map<string, Secret>;
  /** How many secrets of each key were ever created, so a re-created secret gets a new ARN suffix. */
  generations: Map<string, number>;
}

export function secretsState(sim: Simulator): SecretsState {
  return sim.store<SecretsState>('secretsmanager', () => ({ secrets: new Map(), generations: new Map() }));
}

const secretKey = (account: string, region: string, name: string): string => `${account}/${region}/${name}`;

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`. The six characters come from a hash of the name
 * and how many times it was created, so runs are repeatable and a re-created secret gets another ARN, as on AWS.
 */
export function newSecretArn(sim: Simulator, account: string, region: string, name: string): string {
  const arn = nextSecretArn(sim, account, region, name);
  const generations = secretsState(sim).generations;
  const key = secretKey(account, region, name);
  generations.set(key, (generations.get(key) ?? 0) + 1);
  return arn;
}

/** The ARN the next secret created with this name gets (what CreateSecret is authorized on). */
export function nextSecretArn(sim: Simulator, account: string, region: string, name: string): string {
  const key = secretKey(account, region, name);
  const generation = (secretsState(sim).generations.get(key) ?? 0) + 1;
  const digest = createHash('sha256').update(`${key}#${generation}`).digest();
  const suffix = [...digest.subarray(0, 6)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
}

export function saveSecret(sim: Simulator, secret: Secret): void {
  secretsState(sim).secrets.set(secretKey(secret.account, secret.region, secret.name), secret);
}

export function removeSecret(sim: Simulator, secret: Secret): void {
  secretsState(sim).secrets.delete(secretKey(secret.account, secret.region, secret.name));
}

export function findSecretByName(
  sim: Simulator,
  account: string,
  region: string,
  name: string,
): Secret | undefined {
  return secretsState(sim).secrets.get(secretKey(account, region, name));
}

export function secretsOf(sim: Simulator, account: string, region: string): Secret[] {
  return inScope(secretsState(sim).secrets, account, region);
}

/**
 * The secret a SecretId names: a name, a full ARN, or a partial ARN (without the `-XXXXXX` suffix). An ARN
 * may name another account (secrets shared by resource policy); its region must be the call's.
 */
export function findSecret(
  sim: Simulator,
  account: string,
  region: string,
  secretId: string,
): Secret | undefined {
  const arn = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/.exec(secretId);
  if (!arn) return findSecretByName(sim, account, region, secretId);
  if (arn[1] !== region) return undefined;
  const candidates = secretsOf(sim, arn[2]!, region);
  return candidates.find((s) => s.arn === secretId) ?? candidates.find((s) => s.name === arn[3]);
}

export const secretNotFound = (): AwsError =>
  new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export const markedForDeletion = (): AwsError =>
  new AwsError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );

export function requireSecret(sim: Simulator, account: string, region: string, secretId: string): Secret {
  const secret = findSecret(sim, account, region, secretId);
  if (!secret) throw secretNotFound();
  return secret;
}

export function newVersionId(): string {
  return randomUUID();
}

/** `{versionId: [stages]}` for the versions that still carry a label, as DescribeSecret shows them. */
export function versionsToStages(secret: Secret): Record<string, string[]> | undefined {
  const labelled = secret.versions.filter((v) => v.stages.length > 0);
  if (labelled.length === 0) return undefined;
  return Object.fromEntries(labelled.map((v) => [v.versionId, [...v.stages]]));
}

/** DescribeSecret's answer; ListSecrets entries are the same with `SecretVersionsToStages`. */
export function describeView(secret: Secret): Record<string, unknown> {
  const stages = versionsToStages(secret);
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    RotationEnabled: false,
    LastChangedDate: new Date(secret.lastChangedDate),
    ...(secret.lastAccessedDate !== undefined ? { LastAccessedDate: new Date(secret.lastAccessedDate) } : {}),
    ...(secret.deletionDate !== undefined ? { DeletedDate: new Date(secret.deletionDate) } : {}),
    Tags: secret.tags,
    ...(stages !== undefined ? { VersionIdsToStages: stages } : {}),
    CreatedDate: new Date(secret.createdDate),
  };
}

/** Drops secrets whose recovery window has passed on the simulator clock. */
export function purgeDeleted(sim: Simulator, now: number): void {
  const secrets = secretsState(sim).secrets;
  for (const [key, secret] of secrets) {
    if (secret.deletionDate !== undefined && secret.deletionDate <= now) secrets.delete(key);
  }
}
