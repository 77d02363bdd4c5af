import type { SimModule } from '../core/simulator';

/** S3, path-style REST (the calls the CDK toolkit makes): buckets and objects. */
export const s3Module: SimModule = {
  name: 's3',
  install() {},
};
