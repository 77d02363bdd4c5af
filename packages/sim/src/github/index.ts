import type { SimModule } from '../core/simulator';

export const githubModule: SimModule = {
  name: 'github',
  install() {
    // filled in by the github module's implementation
  },
};
