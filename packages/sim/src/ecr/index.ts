import type { SimModule } from '../core/simulator';

export const ecrModule: SimModule = {
  name: 'ecr',
  install() {
    // filled in by the ecr module's implementation
  },
};
