import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { FakeClock } from '../src';
import { authenticate, createClient } from '../src/aws';
import { captureStdout, setEnv, type Captured } from './helpers/capture';
import { startFakeAws, type FakeAws, type FakeReply, type RecordedRequest } from './helpers/fake-aws';
import { fakeJwt } from './helpers/jwt';

const ROLE = 'arn:aws:iam::111111111111:role/deploy';
const HOUR = 3_600_000;

/**
 * A fake STS + ECS endpoint whose clock runs `offsetMs` ahead of ours, as the simulator's can. STS issues
 * numbered credentials; ECS refuses those listed in `expired`.
 */
class FakeAccount {
  issued = 0;
  expired = new Set<string>();
  /** Keys whose first ECS call is answered 503, after which they have expired (a session ending mid-retry). */
  endAfterServerError = new Set<string>();
  tokens: string[] = [];
  constructor(public offsetMs: number) {}

  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  reply = (req: RecordedRequest): FakeReply => {
    const date = new Date(this.serverNow()).toUTCString();
    const form = new URLSearchParams(req.body);
    const action = form.get('Action');
    if (action === 'AssumeRoleWithWebIdentity') {
      this.tokens.push(form.get('WebIdentityToken') ?? '');
      this.issued++;
      const expiration = new Date(
        this.serverNow() + Number(form.get('DurationSeconds')) * 1000,
      ).toISOString();
      return xml(
        date,
        `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult><Credentials>
    <AccessKeyId>ASIAKEY${this.issued}</AccessKeyId><SecretAccessKey>secret-${this.issued}</SecretAccessKey>
    <SessionToken>token-${this.issued}</SessionToken><Expiration>${expiration}</Expiration>
  </Credentials></AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>r${this.issued}</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`,
      );
    }
    if (action === 'GetCallerIdentity') {
      return xml(
        date,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
  <Arn>arn:aws:sts::111111111111:assumed-role/deploy/s</Arn><UserId>AROA:s</UserId><Account>111111111111</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>gci</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    const key = /Credential=([^/]+)\//.exec(String(req.headers['authorization']))?.[1] ?? '';
    if (this.endAfterServerError.delete(key)) {
      this.expired.add(key);
      return {
        status: 503,
        headers: { date, 'x-amzn-requestid': 'busy-1' },
        body: '{"__type":"ServiceUnavailableException","message":"Service unavailable"}',
      };
    }
    if (this.expired.has(key)) {
      return {
        status: 400,
        headers: { date, 'x-amzn-requestid': 'exp-1' },
        body: '{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}',
      };
    }
    return {
      status: 200,
      headers: { date },
      body: `{"clusterArns":["arn:aws:ecs:us-east-1:111111111111:cluster/${key}"]}`,
    };
  };

  /** ECS calls seen, by the access key that signed them. */
  static ecsKeys(server: FakeAws): string[] {
    return server.requests
      .filter((r) => r.headers['x-amz-target'] !== undefined)
      .map((r) => /Credential=([^/]+)\//.exec(String(r.headers['authorization']))?.[1] ?? '');
  }
}

function xml(date: string, body: string): FakeReply {
  return { status: 200, headers: { date, 'content-type': 'text/xml' }, body };
}

let out: Captured;
let restoreEnv: () => void;
let server: FakeAws | undefined;
let tokenCount = 0;
const idTokenSource = async (): Promise<string> =>
  fakeJwt({ sub: 'repo:acme/shop:environment:prod', n: ++tokenCount });

async function start(offsetMs: number): Promise<FakeAccount> {
  const account = new FakeAccount(offsetMs);
  server = await startFakeAws(account.reply);
  restoreEnv = setEnv({
    AWS_ENDPOINT_URL: server.url,
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
  });
  return account;
}

beforeEach(() => {
  out = captureStdout();
});

afterEach(async () => {
  out.restore();
  restoreEnv();
  await server?.close();
});

describe('renewal before expiry', () => {
  it('times the renewal by the server clock, re-assuming with a fresh ID token', async () => {
    const account = await start(2 * HOUR); // the server's clock is two hours ahead
    const clock = new FakeClock(Date.now());
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource, clock });
    expect((await session.credentials()).accessKeyId).toBe('ASIAKEY1');

    clock.advance(54 * 60_000); // a one-hour session: still fine after 54 minutes
    expect((await session.credentials()).accessKeyId).toBe('ASIAKEY1');
    expect(account.issued).toBe(1);

    clock.advance(2 * 60_000); // 56 minutes: within 5 minutes of the end, renew
    expect((await session.credentials()).accessKeyId).toBe('ASIAKEY2');
    expect(account.issued).toBe(2);
    expect(new Set(account.tokens).size).toBe(2);
    expect(out.lines()).toContain('Renewed the AWS session.');
    expect(out.lines()).toContain('::add-mask::secret-2');

    const ecs = session.client(ECSClient);
    await ecs.send(new ListClustersCommand({}));
    expect(FakeAccount.ecsKeys(server!)).toEqual(['ASIAKEY2']);
  });

  it('renews a short session after 80 % of its life', async () => {
    const account = await start(0);
    const clock = new FakeClock(Date.now());
    const session = await authenticate({
      region: 'us-east-1',
      roleToAssume: ROLE,
      idTokenSource,
      clock,
      roleDurationSeconds: 900,
    });
    clock.advance(11 * 60_000);
    await session.credentials();
    expect(account.issued).toBe(1);
    clock.advance(2 * 60_000);
    await session.credentials();
    expect(account.issued).toBe(2);
  });

  it('concurrent callers share one renewal', async () => {
    const account = await start(0);
    const clock = new FakeClock(Date.now());
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource, clock });
    clock.advance(HOUR - 60_000);
    const keys = await Promise.all([1, 2, 3, 4].map(() => session.credentials()));
    expect(new Set(keys.map((k) => k.accessKeyId))).toEqual(new Set(['ASIAKEY2']));
    expect(account.issued).toBe(2);
  });
});

describe('a failed renewal', () => {
  it('keeps using the current session while it lasts, warning once, then fails', async () => {
    const account = await start(0);
    const clock = new FakeClock(Date.now());
    let calls = 0;
    const flakySource = async (): Promise<string> => {
      if (++calls > 1) throw new Error('token endpoint unavailable');
      return fakeJwt({ sub: 'repo:acme/shop:environment:prod' });
    };
    const session = await authenticate({
      region: 'us-east-1',
      roleToAssume: ROLE,
      idTokenSource: flakySource,
      clock,
    });
    clock.advance(HOUR - 4 * 60_000);
    expect((await session.credentials()).accessKeyId).toBe('ASIAKEY1');
    expect((await session.credentials()).accessKeyId).toBe('ASIAKEY1');
    expect(out.lines().filter((l) => l.startsWith('::warning::'))).toEqual([
      '::warning::Could not renew the AWS session yet; using the current one: Could not get a GitHub OIDC token ' +
        `(audience "sts.amazonaws.com") for role ${ROLE}: token endpoint unavailable`,
    ]);
    clock.advance(5 * 60_000);
    await expect(session.credentials()).rejects.toThrow('token endpoint unavailable');
    expect(account.issued).toBe(1);
  });
});

describe('renewal when AWS says the session expired', () => {
  it('renews and retries the call once', async () => {
    const account = await start(0);
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource });
    account.expired.add('ASIAKEY1'); // the server's clock ran ahead faster than ours could know
    const ecs = session.client(ECSClient);
    const result = await ecs.send(new ListClustersCommand({}));
    expect(result.clusterArns).toEqual(['arn:aws:ecs:us-east-1:111111111111:cluster/ASIAKEY2']);
    expect(FakeAccount.ecsKeys(server!)).toEqual(['ASIAKEY1', 'ASIAKEY2']);
    expect(account.issued).toBe(2);

    // Later calls use the renewed credentials directly.
    await ecs.send(new ListClustersCommand({}));
    expect(FakeAccount.ecsKeys(server!)).toEqual(['ASIAKEY1', 'ASIAKEY2', 'ASIAKEY2']);
  });

  it('fails when the renewed credentials are refused too, after one retry', async () => {
    const account = await start(0);
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource });
    account.expired.add('ASIAKEY1').add('ASIAKEY2').add('ASIAKEY3');
    await expect(session.client(ECSClient).send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
    });
    expect(FakeAccount.ecsKeys(server!)).toEqual(['ASIAKEY1', 'ASIAKEY2']);
  });

  it('renews again when the renewed session ended while the SDK retried the call', async () => {
    const account = await start(0);
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource });
    account.expired.add('ASIAKEY1');
    // The renewed session is accepted (the call gets a 503), then ends before the SDK's retry of the 503.
    account.endAfterServerError.add('ASIAKEY2');
    const result = await session.client(ECSClient).send(new ListClustersCommand({}));
    expect(result.clusterArns).toEqual(['arn:aws:ecs:us-east-1:111111111111:cluster/ASIAKEY3']);
    expect(FakeAccount.ecsKeys(server!)).toEqual(['ASIAKEY1', 'ASIAKEY2', 'ASIAKEY2', 'ASIAKEY3']);
    expect(account.issued).toBe(3);
  });

  it('gives up after three renewals for one call', async () => {
    const account = await start(0);
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource });
    account.expired.add('ASIAKEY1');
    for (const key of ['ASIAKEY2', 'ASIAKEY3', 'ASIAKEY4', 'ASIAKEY5']) account.endAfterServerError.add(key);
    await expect(session.client(ECSClient).send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
    });
    expect(account.issued).toBe(4);
  });

  it('a client made outside the session does not retry', async () => {
    const account = await start(0);
    const session = await authenticate({ region: 'us-east-1', roleToAssume: ROLE, idTokenSource });
    account.expired.add('ASIAKEY1');
    const plain = createClient(ECSClient, { region: 'us-east-1', credentials: session.credentials });
    await expect(plain.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
    });
    expect(account.issued).toBe(1);
  });
});
