/**
 * The full randomised runs of deploy-ecs (issue 14): 100 runs over a seeded mix of scenarios and faults, 3 at a
 * time, each on a simulator of its own. Zero wrong outcomes, zero services left on another definition than the
 * expected one, zero duplicate mutations. The base seed is printed; RANDOMISED_SEED=<n> starts from another, and
 * RANDOMISED_SEED=<seed of one run> RANDOMISED_RUNS=1 reruns that run alone.
 *
 *   npm run test:conformance -- actions/deploy-ecs/test/randomised
 */
import { DEFAULT_BASE_SEED, describeRandomisedRuns, runSelection } from './randomised';

const { base, runs } = runSelection({ base: DEFAULT_BASE_SEED, runs: 100 });
console.log(`Randomised runs: ${runs} from base seed ${base} (RANDOMISED_SEED=${base} repeats them)`);

describeRandomisedRuns({
  file: 'actions/deploy-ecs/test/randomised.conformance.test.ts',
  base,
  runs,
  concurrency: 3,
  timeoutMs: 300_000,
});
