// The ecs entry of @ecs-delivery/shared: `import { … } from '@ecs-delivery/shared/ecs'`.
export { shortTaskDefinition, type ServiceRef, type TrackedDeployment } from './types';
export { describeService, isSteady, primaryDeployment, requireActiveServices, serviceKey } from './service';
export {
  describeLiveAndLatest,
  describeTaskDefinition,
  familyOfArn,
  registerIfChanged,
  type Registration,
} from './task-definition';
export { findLastSuccessful, type KnownGood } from './history';
export { assessDeployment, progressLine, type WatchMemory } from './assess';
export { watchDeployments, type WatchResult, type WatchTarget } from './watch';
export { learnExpectedMs } from './pace';
export { explainDeployment, type FailureExplanation } from './explain';
export { ServiceMovedOnError, startRollback, type RollbackStart } from './rollback';
export {
  isFailure,
  judgeRollback,
  needsRollback,
  overallOutcome,
  requestRollback,
  rollBack,
  rollbackLandsOn,
  requestRollbacks,
  watchRollbacks,
  watchOrFail,
  explainWatched,
  type RollbackCandidate,
  type RollbackEntry,
  type RollbackPlan,
  type RollbackScope,
  type RollbackVerdict,
  type RunOutcome,
  type ServiceOutcome,
} from './rollout';
export { runOneOffTask, type OneOffResult } from './run-task';
export { explanationMarkdown } from './explain-markdown';
export {
  findLostUpdate,
  findUnansweredUpdate,
  isLostAnswer,
  LOST_ANSWER,
  updateApplied,
  updateServiceOnce,
  withoutBlindRetry,
  type UnansweredUpdate,
} from './lost-answer';
