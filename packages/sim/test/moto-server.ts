/**
 * Starts and stops a `moto_server` (PyPI `moto[server]`) on a free 127.0.0.1 port for the conformance tier, and
 * reads from its log which operations it does not implement.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  url: string;
  version: string;
  /** Everything moto printed so far. */
  log(): string;
  /** snake_case action names moto answered with "has not been implemented". */
  notImplemented(): Set<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function motoVersion(): string {
  const probe = spawnSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : 'unknown';
}

export async function startMoto(timeoutMs = 30_000): Promise<MotoServer> {
  const which = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      'moto_server is not on PATH: install it with `pip install "moto[server]"` (.ci/run does)',
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    version: motoVersion(),
    log: () => output,
    notImplemented: () =>
      new Set(
        [...output.matchAll(/NotImplementedError: The (\w+) action has not been implemented/g)].map(
          (m) => m[1]!,
        ),
      ),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** moto checks awsvpc subnets against its EC2: create a VPC, a subnet and a security group there (awsQuery). */
export async function motoNetwork(
  url: string,
): Promise<{ vpc: string; subnets: string[]; securityGroups: string[] }> {
  const ec2 = async (params: Record<string, string>): Promise<string> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        // moto routes by the credential scope; it does not verify the signature.
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: new URLSearchParams({ Version: '2016-11-15', ...params }).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`moto EC2 ${params.Action} answered ${res.status}: ${text.slice(0, 300)}`);
    return text;
  };
  const pick = (xml: string, tag: string): string => {
    const m = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml);
    if (!m) throw new Error(`moto EC2: no <${tag}> in ${xml.slice(0, 300)}`);
    return m[1]!;
  };
  const vpcId = pick(await ec2({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId');
  // ECS names a task's ENI by its private DNS name, which moto only gives in a VPC with DNS hostnames on.
  await ec2({ Action: 'ModifyVpcAttribute', VpcId: vpcId, 'EnableDnsHostnames.Value': 'true' });
  const subnetId = pick(
    await ec2({
      Action: 'CreateSubnet',
      VpcId: vpcId,
      CidrBlock: '10.0.1.0/24',
      AvailabilityZone: 'us-east-1a',
    }),
    'subnetId',
  );
  const groupId = pick(
    await ec2({
      Action: 'CreateSecurityGroup',
      VpcId: vpcId,
      GroupName: 'api',
      GroupDescription: 'api tasks',
    }),
    'groupId',
  );
  return { vpc: vpcId, subnets: [subnetId], securityGroups: [groupId] };
}

export function snakeCase(action: string): string {
  return action.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
