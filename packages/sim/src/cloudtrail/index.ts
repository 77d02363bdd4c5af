import type { SimModule } from '../core/simulator';

/**
 * CloudTrail LookupEvents, answering an empty list (the CDK toolkit's failure diagnosis asks it, and retries for
 * half a minute when it gets no answer). awsJson 1.1 under the target prefix the AWS SDK v3 sends,
 * `CloudTrail_20131101` (the model's service name; older SDKs send it as
 * `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`).
 */
export const cloudtrailModule: SimModule = {
  name: 'cloudtrail',
  install(sim) {
    sim.addService({
      name: 'cloudtrail',
      protocol: 'json',
      targetPrefix: 'CloudTrail_20131101',
      jsonVersion: '1.1',
      actions: {
        LookupEvents: () => ({ Events: [] }),
      },
    });
  },
};
