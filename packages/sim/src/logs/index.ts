import type { SimModule } from '../core/simulator';

export const logsModule: SimModule = {
  name: 'logs',
  install() {
    // filled in by the logs module's implementation
  },
};
