export {
  runDemo,
  releasedWorkflows,
  EXAMPLE,
  CALLER,
  RELEASE_TAG,
  type DemoOptions,
  type DemoResult,
} from './demo';
export {
  WorkflowRunner,
  type JobRecord,
  type JobResult,
  type StepRecord,
  type RunnerOptions,
} from './workflow-runner';
export { evaluate, interpolate, condition, expressionsIn, type Value } from './expressions';
export {
  loadWorkflow,
  callInputs,
  jobOrder,
  ownAction,
  OWN_REPOSITORY,
  type StepDoc,
  type Workflow,
  type WorkflowDoc,
} from './workflow-model';
export {
  seedSystem,
  stageIam,
  pushRelease,
  imageUri,
  STAGES,
  SERVICES,
  REGION,
  REPOSITORY,
  IMAGE_REPOSITORY,
  MIGRATION_RULE,
  type Stage,
  type StageIam,
  type Trust,
} from './system';
export { repositoryRoot } from './root';
export type { ReleaseRun, ServiceRow } from './report';
