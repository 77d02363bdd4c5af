import { AwsError } from './errors';
import { validateRules } from './scenario';
import type { SimModule } from './simulator';

/**
 * The seed key `rules`: scenario rules, as `POST /_sim/scenario` takes them. Installed last, so the rules of a
 * seed document are added after everything else in it, as if posted after seeding: services seeded steady
 * stay steady, and the rules apply from then on.
 */
export const scenarioModule: SimModule = {
  name: 'scenario',
  install(sim) {
    sim.onSeed('rules', (data) => {
      try {
        sim.scenario.add(validateRules(data));
      } catch (err) {
        // validateRules names the rule (`rules[2] …`); in a seed document it is `seed.rules[2] …`.
        if (err instanceof AwsError)
          throw new AwsError(err.code, `seed.${err.message}`, err.status, err.type);
        throw err;
      }
    });
  },
};
