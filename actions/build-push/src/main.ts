// The core entry of @ecs-delivery/shared loads no AWS SDK: every input is checked before any client exists.
import { join } from 'node:path';
import { runAction } from '@ecs-delivery/shared';
import { getInputs } from './inputs';

void runAction(
  async (context) => {
    const inputs = await getInputs();
    const { run } = await import('./run');
    await run(inputs, context);
  },
  async () => {
    const { post } = await import('./post');
    await post();
  },
  { actionYml: join(__dirname, '..', 'action.yml') },
);
