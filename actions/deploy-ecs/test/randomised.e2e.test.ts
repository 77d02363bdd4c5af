/**
 * A few randomised runs of deploy-ecs in `npm test` (the full 100 are in randomised.conformance.test.ts): each
 * named by its seed, each judged on its outcome, the definition the service ends on and duplicate mutations.
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

const FILE = 'actions/deploy-ecs/test/randomised.e2e.test.ts';
// Six runs of the conformance tier's hundred (seeds 20261220–20261225): one of each scenario, and a rollback.
const { base, runs } = runSelection({ base: DEFAULT_BASE_SEED + 17, runs: 6 });
const plans = seedsFrom(base, runs).map((seed) => planRun(seed));
const slot = limiter(2);
const reports: RunReport[] = [];
const started = Date.now();

afterAll(() => {
  console.log(summarise(reports, Date.now() - started));
});

describe(`deploy-ecs, randomised runs from seed ${base}`, () => {
  it.concurrent.each(plans.map((plan) => [plan.seed, describePlan(plan), plan] as const))(
    'seed %i: %s',
    async (seed, _described, plan) => {
      const report = await slot(() => executeRun(plan));
      reports.push(report);
      if (report.problems.length > 0) {
        throw new Error(
          `Randomised run seed ${seed} (${describePlan(plan)}): ${report.problems.join('; ')}. ` +
            `To ${reproduceHint(seed, FILE).replace('--config jest.conformance.config.js ', '')}.`,
        );
      }
      expect(report.outcome).not.toBe('');
    },
    120_000,
  );
});
