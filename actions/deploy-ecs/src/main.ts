// The core entry of @ecs-delivery/shared loads no AWS SDK: every input is checked before any client exists, and
// the work (./steps, dist/run.js) loads only after.
import { runAction } from '@ecs-delivery/shared';
import inputDefaults from '../action.yml';
import { getInputs } from './inputs';

void runAction(
  async (context) => {
    const inputs = await getInputs();
    const { run } = await import('./steps');
    await run(inputs, context);
  },
  async (context) => {
    const { post } = await import('./steps');
    await post(context);
  },
  { inputDefaults },
);
