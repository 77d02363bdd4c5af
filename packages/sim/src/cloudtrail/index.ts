import type { SimModule } from '../core/simulator';

/** CloudTrail LookupEvents, answering an empty list (the CDK toolkit's failure diagnosis asks it). */
export const cloudtrailModule: SimModule = {
  name: 'cloudtrail',
  install(sim) {
    sim.addService({
      name: 'cloudtrail',
      protocol: 'json',
      targetPrefix: 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101',
      jsonVersion: '1.1',
      actions: {
        LookupEvents: () => ({ Events: [] }),
      },
    });
  },
};
