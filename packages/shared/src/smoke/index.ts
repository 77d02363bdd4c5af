export { applyExpectVersion } from './version-checks';
export { evaluateAnswer, type Evaluation } from './evaluate';
export { MAX_BODY_BYTES, sendHttpRequest } from './http';
export { evaluateJsonPath, JsonPathError, jsonEqual, parseJsonPath, type PathSegment } from './json-path';
export { parseHeaderLines, parseHeaderNames } from './header-input';
export {
  CHECK_KEYS,
  checksFromList,
  checksFromUrls,
  mergeHeaders,
  parseCheckUrl,
  parseChecksYaml,
  type CheckDefaults,
} from './parse';
export {
  bodyExcerpt,
  isSecretHeader,
  redactHeaders,
  redactText,
  redactUrl,
  relevantHeaders,
  secretHeaderValues,
  urlSecrets,
} from './redact-http';
export { smokeFailureMessage, smokeLogLines, smokeSummary } from './report';
export {
  percentile,
  runSmokeChecks,
  type AttemptSummary,
  type CheckReport,
  type FailureDetail,
  type SmokeReport,
  type SmokeRunOptions,
} from './run';
export {
  DEFAULT_STATUS,
  formatStatusRanges,
  parseStatusEntry,
  parseStatusSpec,
  StatusSpecError,
  statusMatches,
  type StatusRange,
} from './status';
export type { HttpAnswer, HttpRequestSpec, HttpSender, SmokeCheck } from './types';
export { describeSeenVersion, versionForms, versionMatches, versionsInBody } from './version';
export { checksFromEnvironment } from './manifest';
