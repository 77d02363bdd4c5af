import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startSimulator, type RunningSimulator, type StartOptions } from '../src';

export interface EcrFixture {
  running: RunningSimulator;
  ecr: ECRClient;
  /** `AWS:<password>` split, from GetAuthorizationToken. */
  auth: () => Promise<{ username: string; password: string }>;
  /** `000000000000/us-east-1/<name>`: the registry path of a repository. */
  path: (name: string) => string;
  /** Basic authorization header value for the registry. */
  basic: () => Promise<string>;
}

export function ecrClient(url: string, region = 'us-east-1', accessKeyId = 'test'): ECRClient {
  return new ECRClient({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export async function startEcr(options: StartOptions = {}): Promise<EcrFixture> {
  const running = await startSimulator(options);
  const ecr = ecrClient(running.url);
  const auth = async (): Promise<{ username: string; password: string }> => {
    const out = await ecr.send(new GetAuthorizationTokenCommand({}));
    const decoded = Buffer.from(out.authorizationData![0]!.authorizationToken!, 'base64').toString('utf8');
    const [username, password] = [
      decoded.slice(0, decoded.indexOf(':')),
      decoded.slice(decoded.indexOf(':') + 1),
    ];
    return { username, password };
  };
  return {
    running,
    ecr,
    auth,
    path: (name) => `000000000000/us-east-1/${name}`,
    basic: async () => {
      const { username, password } = await auth();
      return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    },
  };
}

export async function stopEcr(fixture: EcrFixture | undefined): Promise<void> {
  fixture?.ecr.destroy();
  await fixture?.running.close();
}

/** The AWS error code of a rejected SDK call. */
export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}
