import type { Simulator } from '../core/simulator';
import type { Role } from './roles';

/** Issues temporary credentials for a role session and returns the Credentials + AssumedRoleUser members. */
export function startRoleSession(
  ctx: { sim: Simulator; now: number },
  role: Role,
  sessionName: string,
  durationSeconds: number,
): { Credentials: Record<string, unknown>; AssumedRoleUser: { AssumedRoleId: string; Arn: string } } {
  const arn = `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
  const assumedRoleId = `${role.roleId}:${sessionName}`;
  const creds = ctx.sim.credentials.issue(
    { account: role.account, arn, userId: assumedRoleId, roleArn: role.arn, sessionName },
    durationSeconds,
    ctx.now,
  );
  ctx.sim.secrets.record('sts:SecretAccessKey', creds.secretAccessKey);
  ctx.sim.secrets.record('sts:SessionToken', creds.sessionToken);
  return {
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: new Date(creds.expiration),
    },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
  };
}
