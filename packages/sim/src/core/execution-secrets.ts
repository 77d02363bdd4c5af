/**
 * Where ECS looks up the secrets a task needs before it starts (a container's `secrets`, a log configuration's
 * `secretOptions`, `repositoryCredentials`): the SSM and Secrets Manager modules install their lookups here, so
 * ECS resolves a `valueFrom` without knowing which module keeps it. Without a module, every reference resolves.
 */
export interface ExecutionSecrets {
  /** The SSM parameter names or ARNs of `refs` that do not exist (a name in `account`/`region`; an ARN names its own). */
  missingParameters(account: string, region: string, refs: string[]): string[];
  /**
   * Why a Secrets Manager reference (an ARN, possibly followed by `:json-key:version-stage:version-id`) cannot be
   * read, in Secrets Manager's words (`ResourceNotFoundException: …`), or undefined when it can.
   */
  secretProblem(account: string, region: string, ref: string): string | undefined;
}

export const everySecretResolves: ExecutionSecrets = {
  missingParameters: () => [],
  secretProblem: () => undefined,
};
