import type { SimModule } from '../core/simulator';

export const ecsModule: SimModule = {
  name: 'ecs',
  install() {
    // filled in by the ecs module's implementation
  },
};
