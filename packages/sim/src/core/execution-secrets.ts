/**
 * Where ECS looks up the secrets a task needs before it starts (a container's `secrets`, a log configuration's
 * `secretOptions`, `repositoryCredentials`) and its environment files: the SSM, Secrets Manager and S3 modules
 * install their lookups here, so ECS resolves a reference without knowing which module keeps it. Without a module,
 * every reference resolves.
 */
export interface ExecutionSecrets {
  /** The SSM parameter names or ARNs of `refs` that do not exist (a name in `account`/`region`; an ARN names its own). */
  missingParameters(account: string, region: string, refs: string[]): string[];
  /**
   * Why a Secrets Manager reference (an ARN, possibly followed by `:json-key:version-stage:version-id`) cannot be
   * read, in Secrets Manager's words (`ResourceNotFoundException: …`), or undefined when it can.
   */
  secretProblem(account: string, region: string, ref: string): string | undefined;
  /**
   * Why an S3 environment file (`arn:aws:s3:::bucket/key`, a container's `environmentFiles`) cannot be downloaded,
   * in S3's words (`NoSuchKey: The specified key does not exist.`), or undefined when it can.
   */
  environmentFileProblem(arn: string): string | undefined;
}

export const everySecretResolves: ExecutionSecrets = {
  missingParameters: () => [],
  secretProblem: () => undefined,
  environmentFileProblem: () => undefined,
};
