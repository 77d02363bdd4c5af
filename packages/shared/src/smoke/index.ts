export { applyExpectVersion } from './version-checks';

export { parseHeaderLines, parseHeaderNames } from './header-input';
export { checksFromList, checksFromUrls, MAX_CHECKS, parseChecksYaml, type CheckDefaults } from './parse';
export {
  answerSecrets,
  redactedExcerpt,
  redactText,
  redactUrl,
  relevantHeaders,
  secretHeaderValues,
  urlSecrets,
} from './redact-http';
export { FAILURES_NAMED, smokeFailureMessage, smokeLogLines, smokeSummary } from './report';
export { runSmokeChecks, type AttemptSummary, type CheckReport, type SmokeReport } from './run';
export { formatStatusRanges } from './status';
export type { HttpAnswer, HttpSender, SmokeCheck } from './types';

export { serviceChecks, type ServiceChecks } from './manifest';
