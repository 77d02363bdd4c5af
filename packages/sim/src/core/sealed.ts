import { createHash } from 'node:crypto';

/**
 * A secret value (a SecureString parameter, a Secrets Manager secret) kept so the API can hand it back, but
 * never shown by `GET /_sim/state`: JSON sees only its length and a short fingerprint.
 */
export class Sealed {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return `<sealed ${this.#value.length} chars ${fingerprint(this.#value)}>`;
  }
}

/** `sha256:` and the first 12 hex digits: enough to tell values apart, nothing to recover them from. */
export function fingerprint(value: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}`;
}
