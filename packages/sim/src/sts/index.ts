import type { SimModule } from '../core/simulator';

export const stsModule: SimModule = {
  name: 'sts',
  install() {
    // filled in by the sts module's implementation
  },
};
