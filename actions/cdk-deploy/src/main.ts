// The core entry of @ecs-delivery/shared loads no AWS SDK: every input is checked before the toolkit loads.
import { runAction } from '@ecs-delivery/shared';
import inputDefaults from '../action.yml';
import { getInputs } from './inputs';

void runAction(
  async (context) => {
    const inputs = getInputs();
    // A bundle of its own (dist/toolkit/run.js): the CDK toolkit and the AWS SDK load only now.
    const { run } = await import('./run');
    await run(inputs, context);
  },
  undefined,
  { inputDefaults },
);
