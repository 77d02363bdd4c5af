// The core entry of @ecs-delivery/shared loads no AWS SDK: every input is checked before any client exists, and
// the work (./run, a bundle of its own: dist/run.js) loads only after.
import { runAction } from '@ecs-delivery/shared';
import inputDefaults from '../action.yml';
import { getInputs } from './inputs';

void runAction(
  async (context) => {
    const inputs = await getInputs();
    const { run } = await import('./run');
    await run(inputs, context);
  },
  undefined,
  { inputDefaults },
);
