import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import type { Clients, Recorder } from './aws-sequence';

/** The roles of the STS part: a CI role for GitHub OIDC, and a deploy role the CI role chains into. */
export const CI_ROLE = 'arn:aws:iam::000000000000:role/conformance-ci';
export const DEPLOY_ROLE = 'arn:aws:iam::000000000000:role/conformance-deploy';

/** The GitHub run the web identity token stands for; the CI role trusts its repository. */
export const OIDC_CONTEXT = { repository: 'acme/shop', ref: 'refs/heads/main' };

/** What a server that checks trust policies (the simulator) must hold for the STS part to succeed. */
export const STS_SEED = {
  roles: [
    {
      arn: CI_ROLE,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: 'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com',
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
            },
          },
        ],
      },
    },
    {
      arn: DEPLOY_ROLE,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: CI_ROLE }, Action: 'sts:AssumeRole' }],
      },
    },
  ],
};

/**
 * The STS part, the way the actions authenticate: the static key's identity, then GitHub OIDC
 * (AssumeRoleWithWebIdentity, unsigned) into the CI role, then role chaining (AssumeRole) into the deploy role,
 * whose identity is read back.
 */
export async function stsSteps(
  { sts }: Clients,
  rec: Recorder,
  options: { endpoint: string; region: string; maxAttempts: number; webIdentityToken: string },
): Promise<void> {
  await rec.call('sts', 'GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})));
  const web = await rec.call('sts', 'AssumeRoleWithWebIdentity', () =>
    sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: CI_ROLE,
        RoleSessionName: 'conformance-ci',
        WebIdentityToken: options.webIdentityToken,
        DurationSeconds: 900,
      }),
    ),
  );
  // The same token with its signature changed: AWS refuses it (moto does not check signatures).
  const [header, payload, signature = ''] = options.webIdentityToken.split('.');
  const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  await rec.call(
    'sts',
    'AssumeRoleWithWebIdentity',
    () =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: CI_ROLE,
          RoleSessionName: 'conformance-ci',
          WebIdentityToken: forged,
        }),
      ),
    { label: 'a token whose signature does not verify', expectedError: 'InvalidIdentityTokenException' },
  );
  const session = (creds: Credentials | undefined): STSClient =>
    new STSClient({
      endpoint: options.endpoint,
      region: options.region,
      maxAttempts: options.maxAttempts,
      credentials: {
        accessKeyId: creds?.AccessKeyId ?? 'missing',
        secretAccessKey: creds?.SecretAccessKey ?? 'missing',
        sessionToken: creds?.SessionToken ?? 'missing',
      },
    });
  const ci = session(web?.Credentials);
  let deploy: STSClient | undefined;
  try {
    const chained = await rec.call('sts', 'AssumeRole', () =>
      ci.send(
        new AssumeRoleCommand({
          RoleArn: DEPLOY_ROLE,
          RoleSessionName: 'conformance-deploy',
          DurationSeconds: 900,
        }),
      ),
    );
    deploy = session(chained?.Credentials);
    await rec.call('sts', 'GetCallerIdentity', () => deploy!.send(new GetCallerIdentityCommand({})), {
      label: 'as the chained role',
    });
  } finally {
    ci.destroy();
    deploy?.destroy();
  }
}
