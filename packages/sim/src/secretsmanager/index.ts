import { AwsError } from '../core/errors';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/identity';
import { seedEntries } from '../core/seed-entries';
import type { SimModule, Simulator } from '../core/simulator';
import { addVersion, createSecret, secretsManagerActions } from './api';
import {
  findSecret,
  findSecretByName,
  markedForDeletion,
  newVersionId,
  purgeDeleted,
  secretNotFound,
  secretsState,
} from './store';
import { secretsPermissions } from './iam';

export { findSecret, type Secret } from './store';

/** One entry of the seed document's `secrets` list; an object value is stored as its JSON. */
export interface SecretSeed {
  name: string;
  value: string | Record<string, unknown>;
  description?: string;
  account?: string;
  region?: string;
}

/** Seed `secrets`: `[{name, value, description?, account?, region?}]`. Seeding a secret again with
 * another value adds an AWSCURRENT version. */
function seedSecrets(data: unknown, sim: Simulator): void {
  seedEntries('secrets', data, (entry) => {
    const seed = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { name, value, description, account, region } = seed;
    const valueOk =
      typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
    if (typeof name !== 'string' || !valueOk) {
      throw new AwsError(
        'ValidationException',
        'a secret needs a string "name" and a string or object "value"',
      );
    }
    for (const [key, v] of Object.entries({ description, account, region })) {
      if (v !== undefined && typeof v !== 'string') {
        throw new AwsError('ValidationException', `${key} must be a string`);
      }
    }
    const acct = (account as string | undefined) ?? DEFAULT_ACCOUNT;
    const reg = (region as string | undefined) ?? DEFAULT_REGION;
    const text = { value: typeof value === 'string' ? value : JSON.stringify(value), binary: false };
    const existing = findSecretByName(sim, acct, reg, name);
    if (existing) {
      const current = existing.versions.find((v) => v.stages.includes('AWSCURRENT'));
      if (current?.value.reveal() !== text.value)
        addVersion(existing, text, newVersionId(), ['AWSCURRENT'], sim.clock.now());
      return;
    }
    createSecret(sim, {
      account: acct,
      region: reg,
      name,
      value: text,
      ...(typeof description === 'string' ? { description } : {}),
      now: sim.clock.now(),
    });
  });
}

/**
 * Why ECS could not read a `valueFrom` of Secrets Manager (`arn:…:secret:NAME-XXXXXX[:json-key:version-stage:
 * version-id]`), in the words of the error GetSecretValue answers, or undefined when it can.
 */
function secretProblem(sim: Simulator, account: string, region: string, ref: string): string | undefined {
  const parts = ref.split(':');
  const base = parts.slice(0, 7).join(':');
  const secretRegion = parts[3] || region;
  const secret = findSecret(sim, parts[4] || account, secretRegion, base);
  if (!secret) return `ResourceNotFoundException: ${secretNotFound().message}`;
  if (secret.deletionDate !== undefined) return `InvalidRequestException: ${markedForDeletion().message}`;
  const stage = parts[8] || undefined;
  const versionId = parts[9] || undefined;
  if (versionId !== undefined) {
    const version = secret.versions.find((v) => v.versionId === versionId);
    if (!version || (stage !== undefined && !version.stages.includes(stage)))
      return `ResourceNotFoundException: Secrets Manager can't find the specified secret value for VersionId: ${versionId}`;
    return undefined;
  }
  const label = stage ?? 'AWSCURRENT';
  if (!secret.versions.some((v) => v.stages.includes(label)))
    return `ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: ${label}`;
  return undefined;
}

/** Secrets Manager (awsJson1_1): secrets per account and region, versions and staging labels, deletion windows. */
export const secretsManagerModule: SimModule = {
  name: 'secretsmanager',
  install(sim) {
    sim.addService({
      name: 'secretsmanager',
      protocol: 'json',
      targetPrefix: 'secretsmanager',
      jsonVersion: '1.1',
      actions: secretsManagerActions,
      permissions: secretsPermissions,
    });
    sim.onSeed('secrets', seedSecrets);
    sim.executionSecrets = {
      ...sim.executionSecrets,
      secretProblem: (a, r, ref) => secretProblem(sim, a, r, ref),
    };
    sim.onAdvance((now) => purgeDeleted(sim, now));
    secretsState(sim);
    sim.secrets.addSource(() =>
      [...secretsState(sim).secrets.values()].flatMap((secret) =>
        secret.versions.map((v) => ({
          kind: v.binary ? 'secretsmanager:SecretBinary' : 'secretsmanager:SecretString',
          value: v.value.reveal(),
        })),
      ),
    );
  },
};
