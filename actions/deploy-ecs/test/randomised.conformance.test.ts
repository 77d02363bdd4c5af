/**
 * The full randomised runs of deploy-ecs (issue 14): 100 runs over a seeded mix of scenarios and faults, 3 at a
 * time, each on a simulator of its own. Zero wrong outcomes, zero services left on another definition than the
 * expected one, zero duplicate mutations. The base seed is printed; RANDOMISED_SEED=<n> starts from another, and
 * RANDOMISED_SEED=<seed of one run> RANDOMISED_RUNS=1 reruns that run alone.
 *
 *   npm run test:conformance -- actions/deploy-ecs/test/randomised
 */
import {
  DEFAULT_BASE_SEED,
  describePlan,
  executeRun,
  limiter,
  planRun,
  reproduceHint,
  runSelection,
  seedsFrom,
  summarise,
  type RunReport,
} from './randomised';

const FILE = 'actions/deploy-ecs/test/randomised.conformance.test.ts';
const { base, runs } = runSelection({ base: DEFAULT_BASE_SEED, runs: 100 });
const plans = seedsFrom(base, runs).map((seed) => planRun(seed));
const slot = limiter(3);
const reports: RunReport[] = [];
// Concurrent tests start as they are collected, before any beforeAll: the clock starts here.
const started = Date.now();
console.log(`Randomised runs: ${runs} from base seed ${base} (RANDOMISED_SEED=${base} repeats them)`);

afterAll(() => {
  console.log(summarise(reports, Date.now() - started));
});

describe(`deploy-ecs, ${runs} randomised runs from seed ${base}`, () => {
  it.concurrent.each(plans.map((plan) => [plan.seed, describePlan(plan), plan] as const))(
    'seed %i: %s',
    async (seed, _described, plan) => {
      const report = await slot(() => executeRun(plan));
      reports.push(report);
      if (report.problems.length > 0) {
        throw new Error(
          `Randomised run seed ${seed} (${describePlan(plan)}): ${report.problems.join('; ')}. ` +
            `To ${reproduceHint(seed, FILE)}.`,
        );
      }
      expect(report.outcome).not.toBe('');
    },
    300_000,
  );
});
