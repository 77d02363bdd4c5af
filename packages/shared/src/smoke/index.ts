export { applyExpectVersion } from './version-checks';

export { parseHeaderLines, parseHeaderNames } from './header-input';
export { checksFromList, checksFromUrls, parseChecksYaml, type CheckDefaults } from './parse';
export { redactText, redactUrl, relevantHeaders, secretHeaderValues, urlSecrets } from './redact-http';
export { smokeFailureMessage, smokeLogLines, smokeSummary } from './report';
export { runSmokeChecks, type AttemptSummary, type CheckReport, type SmokeReport } from './run';
export { formatStatusRanges } from './status';
export type { HttpAnswer, HttpSender, SmokeCheck } from './types';

export { serviceChecks, type ServiceChecks } from './manifest';
