import { startSimulator, type RunningSimulator } from '../src';

/** A simulator and real SDK v3 clients of one service pointed at it, per region and access key. */
export interface ClientFixture<C> {
  running: RunningSimulator;
  /** A client for `region` signed with `accessKeyId` (`test`, or a 12-digit account id). */
  client(region?: string, accessKeyId?: string): C;
  close(): Promise<void>;
}

interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export async function startWithClients<C extends { destroy(): void }>(
  Client: new (config: ClientConfig) => C,
  seed?: unknown,
): Promise<ClientFixture<C>> {
  const running = await startSimulator(seed !== undefined ? { seed } : {});
  const made: C[] = [];
  return {
    running,
    client(region = 'us-east-1', accessKeyId = 'test') {
      const c = new Client({
        endpoint: running.url,
        region,
        credentials: { accessKeyId, secretAccessKey: 'test' },
        maxAttempts: 1,
      });
      made.push(c);
      return c;
    },
    async close() {
      for (const c of made) c.destroy();
      await running.close();
    },
  };
}
