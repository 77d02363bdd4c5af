// Deep import on purpose: the package index loads the AWS SDK, which waits until every input is valid.
import { runAction } from '@ecs-delivery/shared/src/runner/run-action';
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
);
