// The core entry of @ecs-delivery/shared: inputs, errors, the runner, polling, summaries and image references.
// Nothing here loads the AWS SDK, so an action checks every input before any client exists. The domains are
// entries of their own (`@ecs-delivery/shared/ecs`, `/ecr`, `/aws`, …; see package.json "exports").
export { VERSION } from './version';
export { ConfigurationError } from './errors/configuration-error';
export { AwsOperationError, awsErrorCode, callAws, fromAwsError } from './errors/aws-operation-error';
export { adoptError } from './errors/adopt-error';
export {
  explainAccessDenied,
  parseAccessDenial,
  roleOfPrincipal,
  type AccessDenial,
} from './errors/access-denied';
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
} from './inputs/get-input';
export { formatDuration, parseDuration } from './inputs/duration';

export { runAction, type ActionContext } from './runner/run-action';
export {
  CALL_GRACE_MS,
  CallBudget,
  CallDeadlineError,
  CANCEL_GRACE_MS,
  isCallDeadlineError,
  type CallLimit,
  type CallLimits,
} from './runner/call-budget';
export { describeError, messageOf } from './runner/describe-error';
export { maskSecret } from './runner/mask';
export { FakeClock, sleep, systemClock, throwIfAborted, type Clock, type Sleep } from './poll/clock';
export { poll, type CheckResult, type PollProgress } from './poll/poll';
export { createProgressLine } from './poll/progress';
export { codeBlock, details, escapeHtml, heading, keyValueTable, markdownTable } from './summary/markdown';
export { STEP_SUMMARY_LIMIT_BYTES, truncateToBytes, writeSummary } from './summary/write-summary';
export { annotateError, annotateNotice } from './summary/annotations';
export { redact } from './summary/redact';
export {
  DIGEST_RE,
  parseImageRef,
  parseRepositoryRef,
  TAG_RE,
  validateImageReference,
  validateTags,
  type ImageRef,
  type RepositoryRef,
} from './ecr/reference';
export {
  findingsAtOrAbove,
  GATE_SEVERITIES,
  type GateSeverity,
  type ScanFinding,
  type Severity,
} from './ecr/severity';

export { getSecretKeyValueInput } from './inputs/get-input';
export {
  environmentDefaults,
  getTargetInputs,
  regionInput,
  roleInput,
  type EnvironmentDefaults,
  type TargetInputs,
} from './inputs/aws-inputs';
export { useActionDefaults } from './inputs/action-defaults';
export { readActionDefaults } from './inputs/read-action-defaults';
export { workspaceFile, workspacePath } from './inputs/workspace';
