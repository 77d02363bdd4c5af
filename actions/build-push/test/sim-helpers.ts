export {
  ACCOUNT,
  ecrOf,
  registryLogin,
  REGION,
  seedImage,
  uriOf,
  useSim,
  visible,
} from '@ecs-delivery/testkit';

/** An account of its own, for cross-account promotion. */
export const OTHER_ACCOUNT = '111111111111';

/** A trust policy letting any workflow of acme/shop assume a role of `account` through GitHub OIDC. */
export function oidcTrust(account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:*' },
        },
      },
    ],
  };
}
