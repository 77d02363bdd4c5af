/**
 * A few randomised runs of deploy-ecs in `npm test` (the full 100 are in randomised.conformance.test.ts): each
 * named by its seed, each judged on its outcome, the definition the service ends on and duplicate mutations.
 */
import { DEFAULT_BASE_SEED, describeRandomisedRuns, runSelection } from './randomised';

// Six runs of the conformance tier's hundred (seeds 20261220–20261225): one of each scenario, and a rollback.
const { base, runs } = runSelection({ base: DEFAULT_BASE_SEED + 17, runs: 6 });

describeRandomisedRuns({
  file: 'actions/deploy-ecs/test/randomised.e2e.test.ts',
  base,
  runs,
  concurrency: 2,
  timeoutMs: 120_000,
  npmTest: true,
});
