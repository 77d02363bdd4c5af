import type { SimModule } from '../core/simulator';
import { isFrontHost, seedFronts } from './hosts';
import { handleFront } from './respond';

export { defaultFrontHost, DEFAULT_HOST_SUFFIX, type FrontTarget, type SeededFront } from './hosts';

/**
 * An HTTP front per ECS service, like a load balancer on the simulator's own port: requests whose Host header
 * is `<service>.<cluster>.<region>.<account>.ecs.sim` (or a host seeded under `fronts`) are answered by the
 * service's running tasks, as scenario `http` rules say for their image. Every other request (the AWS
 * endpoint, `/_sim`, `/v2`, `/_github`) never reaches it.
 */
export const frontModule: SimModule = {
  name: 'front',
  install(sim) {
    sim.addRoute({
      prefix: '/',
      claimsHost: (host) => isFrontHost(sim, host),
      handle: (req, res, url) => handleFront(sim, req, res, url),
    });
    sim.onSeed('fronts', seedFronts);
  },
};
