import type { SimModule } from '../core/simulator';

/** CloudTrail LookupEvents, answering an empty list (the CDK toolkit's failure diagnosis asks it). */
export const cloudtrailModule: SimModule = {
  name: 'cloudtrail',
  install() {},
};
