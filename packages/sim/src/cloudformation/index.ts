import type { SimModule } from '../core/simulator';

/** CloudFormation over awsQuery: stacks, change sets and their lifecycles, on the simulator clock. */
export const cloudformationModule: SimModule = {
  name: 'cloudformation',
  install() {},
};
