import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSimulator } from './index';

const USAGE = `usage: ecs-delivery-sim [--port 4566] [--host 127.0.0.1] [--time-scale N] [--seed FILE] [--random-seed N]

Serves a local AWS (STS, ECR with its registry, ECS, CloudWatch Logs, SSM Parameter Store, Secrets Manager) and
GitHub (OIDC, REST) on one port.
Point AWS_ENDPOINT_URL at the printed URL; static credentials test/test are always accepted.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      host: { type: 'string', default: '127.0.0.1' },
      'time-scale': { type: 'string', default: '1' },
      seed: { type: 'string' },
      'random-seed': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const timeScale = Number(values['time-scale']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  if (!(timeScale > 0))
    throw new Error(`--time-scale must be a positive number, got ${values['time-scale']}`);
  const seed = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as unknown) : undefined;
  const running = await startSimulator({
    port,
    host: values.host,
    timeScale,
    ...(seed !== undefined ? { seed } : {}),
    ...(values['random-seed'] ? { randomSeed: Number(values['random-seed']) } : {}),
  });
  console.log(`ecs-delivery simulator listening on ${running.url} (time scale ${timeScale})`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`ecs-delivery-sim: ${(err as Error).message}`);
  console.error(USAGE);
  process.exit(2);
});
