/**
 * @ecs-delivery/shared — what every ecs-delivery action needs: inputs, errors and the top-level runner,
 * AWS clients and auth, the poller, job summaries and annotations.
 */
export { VERSION, USER_AGENT } from './version';

export { ConfigurationError } from './errors/configuration-error';
export {
  AwsOperationError,
  awsErrorCode,
  callAws,
  fromAwsError,
  isTransientError,
} from './errors/aws-operation-error';

export {
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntegerInput,
  getKeyValueInput,
  getLinesInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  type DurationInputOptions,
  type InputOptions,
  type InputValue,
  type IntegerInputOptions,
} from './inputs/get-input';
export { DURATION_FORM, formatDuration, parseDuration } from './inputs/duration';
export { parseKeyValues, parseList } from './inputs/parse-list';

export { runAction, reportFailure, type ActionContext } from './runner/run-action';
export { describeError, errorStack, type ErrorReport } from './runner/describe-error';
export { maskSecret } from './runner/mask';

export {
  createClient,
  DEFAULT_MAX_ATTEMPTS,
  type AwsClientConfig,
  type AwsClientConstructor,
  type ClientOptions,
} from './aws/create-client';
export { endpointEnvName, resolveEndpoint } from './aws/endpoint';
export { resolveRegion } from './aws/region';
export { authenticate, type AuthenticateOptions, type AwsSession } from './aws/auth/authenticate';
export { decodeJwtClaims, type IdTokenSource } from './aws/auth/id-token';
export { defaultRoleSessionName, sanitizeSessionName } from './aws/auth/session-name';
export { isExpiredTokenError } from './aws/auth/expired-token-retry';
export type { SessionCredentialsProvider } from './aws/auth/credential-cache';

export { FakeClock, sleep, systemClock, throwIfAborted, type Clock, type Sleep } from './poll/clock';
export { poll, type CheckResult, type PollOptions, type PollProgress, type PollResult } from './poll/poll';
export { createProgressLine, type ProgressLineOptions } from './poll/progress';

export { codeBlock, details, escapeHtml, heading, keyValueTable, markdownTable } from './summary/markdown';
export { STEP_SUMMARY_LIMIT_BYTES, truncateToBytes, writeSummary } from './summary/write-summary';
export {
  annotateError,
  annotateNotice,
  annotateWarning,
  type AnnotationLocation,
} from './summary/annotations';
export { redact } from './summary/redact';

export {
  CommandError,
  runCommand,
  type CommandOptions,
  type CommandResult,
  type CommandRunner,
} from './exec/exec';
export {
  MANIFEST_MEDIA_TYPES,
  RegistryClient,
  RegistryHttpError,
  sha256Digest,
  type FetchLike,
  type RegistryClientOptions,
  type RegistryCredentials,
  type RegistryManifest,
} from './registry/client';
export {
  DIGEST_RE,
  parseImageRef,
  parseRepositoryRef,
  validateTags,
  type ImageRef,
  type RepositoryRef,
} from './ecr/reference';
export {
  isMovingTag,
  matchingExclusion,
  MOVING_TAGS,
  planBuildTags,
  planPromoteTags,
  refuseFrozenMovingTags,
  TagConflictError,
  tagCanMove,
  type TagMutability,
  type TagPlan,
  type TagSettings,
} from './ecr/tag-policy';
export {
  describeTagSettings,
  resolveRepository,
  type RepositoryInfo,
  type ResolveRepositoryOptions,
} from './ecr/repository';
export {
  describeImage,
  findTags,
  getManifest,
  mediaTypeOf,
  type EcrManifest,
  type RepositoryLocation,
} from './ecr/images';
export { getRegistryAuth, registryClientFor, type RegistryAuth } from './ecr/authorization';
export {
  promoteImage,
  referencesOf,
  type PromoteEnd,
  type PromoteOptions,
  type PromoteResult,
} from './ecr/promote';
export {
  scanTargets,
  waitForImageScan,
  waitForScan,
  type ScanResult,
  type WaitForScanOptions,
} from './ecr/scan';
export {
  findingsAtOrAbove,
  GATE_SEVERITIES,
  SEVERITIES,
  type GateSeverity,
  type ScanFinding,
  type Severity,
} from './ecr/severity';

export {
  READ_ONLY_FIELDS,
  type ContainerDefinition,
  type RegisterTaskDefinitionInput,
  type TaskDefinitionDocument,
} from './taskdef/types';
export {
  describeYamlError,
  loadTaskDefinitionFile,
  parseTaskDefinition,
  readInputFile,
  unknownTaskDefinitionFields,
  type ParseTaskDefinitionOptions,
} from './taskdef/load';
export {
  PLACEHOLDER_FORM,
  findPlaceholders,
  renderPlaceholders,
  renderTemplateString,
  type PlaceholderUse,
  type RenderPlaceholdersOptions,
} from './taskdef/placeholders';
export {
  renderTaskDefinition,
  stripReadOnlyFields,
  type RenderInputNames,
  type RenderOptions,
} from './taskdef/render';
export {
  defaultContainer,
  parseTargetedKey,
  secretValueFrom,
  type ArnContext,
  type TargetedKey,
} from './taskdef/targets';
export { normalizeTaskDefinition, sameTaskDefinition } from './taskdef/normalize';
export {
  diffTaskDefinitions,
  imageDigest,
  type ChangeType,
  type ContainerChange,
  type DiffOptions,
  type EnvironmentChange,
  type FieldChange,
  type ImageChange,
  type ResourceChange,
  type SecretChange,
  type TaskDefinitionChange,
} from './taskdef/diff';
export { formatDiffMarkdown, formatDiffText, type FormatDiffOptions } from './taskdef/diff-format';
export {
  awslogsGroups,
  parseSecretReference,
  referencedImages,
  referencedSecrets,
  type AwslogsGroup,
  type ImageUse,
  type SecretLocation,
  type SecretReference,
} from './taskdef/references';

export type {
  Manifest,
  ManifestEnvironment,
  ManifestImage,
  ManifestMigrations,
  ManifestService,
  ManifestServiceOverride,
  ManifestSmokeCheck,
} from './manifest/types';
export { loadManifest, parseManifest, type ParseManifestOptions } from './manifest/load';
export { promotionOrder, resolveEnvironment, type ResolveOptions } from './manifest/resolve';
export type {
  ContainerImage,
  LoadedManifest,
  MigrationSpec,
  ResolvedEnvironment,
  ServiceDeploySpec,
  ServiceSmokeCheck,
} from './manifest/spec';
export {
  ManifestError,
  formatPath,
  type ManifestProblem,
  type PathSegment,
  type SourcePosition,
} from './manifest/source';
export { MANIFEST_SCHEMA } from './manifest/validate-schema';
export { BUILTIN_VARS } from './manifest/semantic';
export { parseCommand } from './manifest/command';

export {
  applyExpectVersion,
  checksFromEnvironment,
  checksFromList,
  checksFromUrls,
  parseChecksYaml,
  runSmokeChecks,
  sendHttpRequest,
  smokeFailureMessage,
  smokeLogLines,
  smokeSummary,
  secretHeaderValues,
  type CheckReport,
  type HttpAnswer,
  type HttpSender,
  type SmokeCheck,
  type SmokeReport,
  type SmokeRunOptions,
} from './smoke';

export {
  shortTaskDefinition,
  nameOf,
  type DeployOutcome,
  type ServiceRef,
  type TrackedDeployment,
} from './ecs/types';
export {
  describeService,
  describeServices,
  isSteady,
  primaryDeployment,
  requireActiveServices,
  serviceKey,
  type ServiceInputNames,
} from './ecs/service';
export { describeTaskDefinition, registerIfChanged, type Registration } from './ecs/task-definition';
export { findLastSuccessful, type KnownGood, type LastSuccessfulOptions } from './ecs/history';
export { assessDeployment, progressLine, type Assessment, type WatchMemory } from './ecs/assess';
export { watchDeployments, type WatchOptions, type WatchResult, type WatchTarget } from './ecs/watch';
export {
  describeContainers,
  explainDeployment,
  summarizeFailure,
  type ExplainOptions,
  type FailureExplanation,
  type StoppedTask,
} from './ecs/explain';
export { ServiceMovedOnError, startRollback, type RollbackOptions, type RollbackStart } from './ecs/rollback';
export {
  isFailure,
  judgeRollback,
  needsRollback,
  overallOutcome,
  requestRollback,
  rollBack,
  rollbackLandsOn,
  requestRollbacks,
  watchRequested,
  watchRollbacks,
  type RollbackCandidate,
  type RollbackEntry,
  type RollbackPlan,
  type RollbackPrinter,
  type RollbackRequest,
  type RollbackScope,
  type RollbackVerdict,
  type RunOutcome,
  type ServiceOutcome,
} from './ecs/rollout';
export {
  judgeStoppedTask,
  runOneOffTask,
  runTaskInput,
  type OneOffResult,
  type OneOffTask,
} from './ecs/run-task';
export {
  LogFollower,
  logLocation,
  readLogTail,
  taskIdOf,
  type LogLocation,
  type LogsClientFor,
} from './logs/task-logs';
export {
  findMissingReferences,
  type CheckReferencesOptions,
  type MissingReference,
  type ReferenceClients,
} from './preflight/references';
export { checkImages, type CheckedImage, type ImageToCheck } from './ecr/resolve-image';
export { isEcrHost, registryHostOf } from './ecr/reference';
export {
  GithubApiError,
  GithubDeployments,
  runUrl,
  type DeploymentState,
  type GithubDeploymentsOptions,
} from './github/deployments';
export { explanationMarkdown } from './ecs/explain-markdown';
export { GithubStatus } from './github/status';
export {
  connectDeployClients,
  connectOptions,
  deployClientsFor,
  type ConnectOptions,
  type DeployClients,
} from './aws/deploy-clients';
