import type { SimModule } from '../core/simulator';
import { changeSetActions } from './api-change-sets';
import { driftActions } from './api-drift';
import { resourceActions } from './api-resources';
import { stackActions } from './api-stacks';
import { templateActions } from './api-templates';
import { advanceCloudFormation } from './engine';
import { cloudformationPermissions } from './iam';
import { cfnState, parameterText } from './model';

export { useProviders } from './steps';
export { findStack, type Stack, type StackResource } from './model';
export { evaluate, NO_VALUE, type Scope } from './intrinsics';
export { parseTemplate } from './template';
export { readTemplateObject } from './template-source';

/** CloudFormation over awsQuery: stacks, change sets and their lifecycles, on the simulator clock. */
export const cloudformationModule: SimModule = {
  name: 'cloudformation',
  install(sim) {
    sim.addService({
      name: 'cloudformation',
      protocol: 'query',
      xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
      actions: {
        ...stackActions,
        ...changeSetActions,
        ...resourceActions,
        ...templateActions,
        ...driftActions,
      },
      permissions: cloudformationPermissions,
    });
    cfnState(sim);
    sim.secrets.addSource(() =>
      [...cfnState(sim).stacks.values()].flatMap((stack) =>
        stack.parameters.flatMap((p) =>
          p.noEcho ? [{ kind: 'cloudformation:NoEcho', value: parameterText(p) }] : [],
        ),
      ),
    );
    sim.onAdvance((now) => advanceCloudFormation(sim, now));
  },
};
