// The action's work, loaded only once its inputs are valid: a bundle of its own (dist/run.js), so a run refused
// for its input never loads the AWS SDK, @actions/core's HTTP client or the YAML and JSON Schema libraries.
export { run } from './run';
export { post } from './post';
