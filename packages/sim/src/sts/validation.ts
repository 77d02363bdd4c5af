import { AwsError } from '../core/errors';
import { violation } from '../core/request';

/**
 * Collects input constraint violations and reports them in one ValidationError, worded as STS words them:
 * `2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …; …`.
 */
export class InputValidator {
  private problems: string[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  private fail(member: string, value: string | undefined, constraint: string): void {
    this.problems.push(violation(member, value, `Member must ${constraint}`));
  }

  /** A string member; `sensitive` members (tokens) are not echoed back. */
  string(
    name: string,
    opts: {
      required?: boolean;
      min?: number;
      max?: number;
      pattern?: RegExp;
      patternText?: string;
      sensitive?: boolean;
    },
  ): string | undefined {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    const raw = this.input[name];
    if (raw === undefined) {
      if (opts.required) this.fail(member, undefined, 'not be null');
      return undefined;
    }
    const value = String(raw);
    const shown = opts.sensitive ? undefined : value;
    const at = opts.sensitive ? `Value at '${member}' failed to satisfy constraint: Member must` : undefined;
    const report = (constraint: string): void => {
      if (at) this.problems.push(`${at} ${constraint}`);
      else this.fail(member, shown, constraint);
    };
    if (opts.min !== undefined && value.length < opts.min)
      report(`have length greater than or equal to ${opts.min}`);
    if (opts.max !== undefined && value.length > opts.max)
      report(`have length less than or equal to ${opts.max}`);
    if (opts.pattern && !opts.pattern.test(value)) {
      report(`satisfy regular expression pattern: ${opts.patternText ?? opts.pattern.source}`);
    }
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    const raw = this.input[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      throw new AwsError('MalformedInput', `Invalid value for ${name}: ${String(raw)}`);
    }
    if (value < min) this.fail(member, String(value), `have value greater than or equal to ${min}`);
    if (value > max) this.fail(member, String(value), `have value less than or equal to ${max}`);
    return value;
  }

  /** Throws the collected ValidationError, if any. */
  check(): void {
    const n = this.problems.length;
    if (n === 0) return;
    throw new AwsError(
      'ValidationError',
      `${n} validation error${n > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`,
    );
  }
}

export const SESSION_NAME = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };

/** An inline session policy must at least be JSON; the simulator does not apply it. */
export function checkSessionPolicy(policy: string | undefined): number | undefined {
  if (policy === undefined) return undefined;
  try {
    JSON.parse(policy);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
  }
  // PackedPolicySize: the share (percent) of the packed limit the session policy and tags use.
  return Math.min(100, Math.ceil((policy.replace(/\s+/g, '').length * 100) / 2048));
}

/** Session tags (`Tags.member.N.Key/Value`): at most 50, keys 1–128 and values 0–256 characters. */
export function parseSessionTags(raw: unknown): { key: string; value: string }[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? (raw as unknown[]) : [];
  const tags = list.map((t) => {
    const tag = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    return { key: String(tag['Key'] ?? ''), value: String(tag['Value'] ?? '') };
  });
  if (tags.length > 50) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`,
    );
  }
  const bad = tags.find((t) => t.key.length < 1 || t.key.length > 128 || t.value.length > 256);
  if (bad)
    throw new AwsError('ValidationError', `Session tag "${bad.key}" has an invalid key or value length`);
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.key.toLowerCase())) {
      throw new AwsError(
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    }
    keys.add(t.key.toLowerCase());
  }
  return tags;
}
