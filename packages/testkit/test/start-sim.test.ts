import { startSim } from '../src';

describe('startSim', () => {
  it('drives a simulator through its control API, and attaches to a running one without owning it', async () => {
    const owner = await startSim({ timeScale: 10 });
    try {
      await owner.scenario([{ api: 'ecs:UpdateService', fault: { throttle: 1 } }]);
      expect(((await owner.state()).rules as unknown[]).length).toBe(1);
      const before = Date.parse((await owner.clock()).now);
      const moved = await owner.clock({ advanceSeconds: 3600 });
      expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(3600_000);
      const oidc = await owner.oidcContext({ repository: 'acme/shop', environment: 'prod' });
      expect(oidc.requestUrl.startsWith(owner.url)).toBe(true);

      process.env.ECS_DELIVERY_SIM_URL = owner.url;
      const attached = await startSim();
      delete process.env.ECS_DELIVERY_SIM_URL;
      expect(attached).toMatchObject({ url: owner.url, owned: false });
      // Attaching starts from a clean simulator: the rules above are gone.
      expect((await attached.state()).rules).toEqual([]);
      await attached.stop();
      expect(await attached.calls()).toEqual([]);
    } finally {
      await owner.stop();
    }
  });
});
