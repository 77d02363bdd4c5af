/** One secret value the simulator handed out or holds, and what it is. */
export interface SecretRecord {
  /** What the value is, e.g. `sts:SecretAccessKey`, `ecr:password`, `github:oidc-token`. */
  kind: string;
  value: string;
}

/** Issued values kept at most; the oldest are forgotten first (a long benchmark mints many tokens). */
const MAX_ISSUED = 20_000;

/**
 * Every secret value the simulator has issued (STS keys and session tokens, ECR registry passwords, GitHub
 * OIDC tokens and request tokens) or holds (SecureString parameters, Secrets Manager values), so a test can
 * check that none of them was printed: `GET /_sim/secrets`. Kept apart from the module stores, so
 * `/_sim/state` never shows them.
 */
export class SecretLedger {
  private issued = new Map<string, string>();
  private sources: (() => SecretRecord[])[] = [];

  /** Records a value the simulator just handed out. Empty values are not secrets. */
  record(kind: string, value: string): void {
    if (value === '') return;
    this.issued.delete(value);
    this.issued.set(value, kind);
    if (this.issued.size > MAX_ISSUED) {
      const oldest = this.issued.keys().next();
      if (oldest.done !== true) this.issued.delete(oldest.value);
    }
  }

  /** Adds a source of the secrets a module holds, read each time the list is asked for. */
  addSource(source: () => SecretRecord[]): void {
    this.sources.push(source);
  }

  /** Every secret, issued ones first (oldest first), each value once. */
  list(): SecretRecord[] {
    const seen = new Set<string>();
    const out: SecretRecord[] = [];
    const add = (record: SecretRecord): void => {
      if (record.value === '' || seen.has(record.value)) return;
      seen.add(record.value);
      out.push(record);
    };
    for (const [value, kind] of this.issued) add({ kind, value });
    for (const source of this.sources) for (const record of source()) add(record);
    return out;
  }

  /** The issued values as they are now, for restore(): a refused seed document hands nothing out. */
  saved(): ReadonlyMap<string, string> {
    return new Map(this.issued);
  }

  restore(saved: ReadonlyMap<string, string>): void {
    this.issued = new Map(saved);
  }

  /** Forgets the issued values; the held ones go with the stores they come from. */
  clear(): void {
    this.issued.clear();
  }
}
