export { startSim } from './sim';
export type { CallFilter, OidcRequest, SimHandle, StartSimOptions } from './sim';
export { REPO_ROOT, runAction } from './run-action';
export type { ActionRun, RunActionOptions } from './run-action';
export { expectNoSecrets, findSecrets } from './secrets';
export type { SecretLeak } from './secrets';
export { applyMasks, parseWorkflowCommands } from './workflow-commands';
export type { Annotation, WorkflowCommands } from './workflow-commands';
export { parseKeyValueFile } from './file-commands';
export { evaluatePostIf, readActionMetadata } from './action-yml';
export type { ActionInput, ActionMetadata, JobStatus } from './action-yml';
export { DEFAULT_GITHUB, inputVariable } from './runner-env';
export type { GithubContext } from './runner-env';
export { node24Path } from './child';
export { describeWithTools, findOnPath, missingToolsFail } from './tools';
export * from './ecs-fixtures';
export { codeBlocks, readmeTableNames, readmeTableRows, type CodeBlock, type ReadmeRow } from './readme';
export {
  matchCodeBlocks,
  registerTests,
  typeErrors,
  writeExample,
  type BlockHandler,
  type ExampleFile,
  type MatchedBlocks,
} from './readme-examples';
