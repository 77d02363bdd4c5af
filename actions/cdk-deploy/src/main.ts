// The core entry of @ecs-delivery/shared loads no AWS SDK: every input is checked before the toolkit loads.
import { join } from 'node:path';
import { runAction } from '@ecs-delivery/shared';
import { adoptError } from './adopt-error';
import { getInputs } from './inputs';

void runAction(
  async (context) => {
    const inputs = getInputs();
    // A bundle of its own (dist/toolkit/run.js): the CDK toolkit and the AWS SDK load only now.
    const { run } = await import('./run');
    try {
      await run(inputs, context);
    } catch (err) {
      throw adoptError(err);
    }
  },
  undefined,
  { actionYml: join(__dirname, '..', 'action.yml') },
);
