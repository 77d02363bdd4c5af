import { AwsOperationError, describeError, parseAccessDenial, roleOfPrincipal } from '../src';

const SESSION = 'arn:aws:sts::111111111111:assumed-role/deploy-staging/gha-run';
const ROLE = 'arn:aws:iam::111111111111:role/deploy-staging';

function denied(
  code: string,
  message: string,
  service = 'ecs',
  operation = 'UpdateService',
): AwsOperationError {
  return new AwsOperationError({ service, operation, code, message, requestId: 'req-1' });
}

describe('parseAccessDenial', () => {
  it.each([
    [
      `User: ${SESSION} is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:222222222222:service/prod/api because no identity-based policy allows the ecs:UpdateService action`,
      {
        principal: SESSION,
        action: 'ecs:UpdateService',
        resource: 'arn:aws:ecs:us-east-1:222222222222:service/prod/api',
        reason: 'no identity-based policy allows the ecs:UpdateService action',
      },
    ],
    [
      `User: ${SESSION} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/key" with an explicit deny in an identity-based policy`,
      {
        principal: SESSION,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::bucket/key',
        reason: 'with an explicit deny in an identity-based policy',
      },
    ],
    [
      `User: ${SESSION} is not authorized to perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:1:repository/shop-prod/web`,
      {
        principal: SESSION,
        action: 'ecr:PutImage',
        resource: 'arn:aws:ecr:us-east-1:1:repository/shop-prod/web',
        reason: undefined,
      },
    ],
    ['Access Denied', undefined],
    ['Not authorized to perform sts:AssumeRoleWithWebIdentity', undefined],
  ])('%s', (message, expected) => {
    expect(parseAccessDenial(message)).toEqual(expected);
  });
});

describe('roleOfPrincipal', () => {
  it.each([
    [SESSION, ROLE],
    ['arn:aws-cn:sts::111111111111:assumed-role/r/s', 'arn:aws-cn:iam::111111111111:role/r'],
    ['arn:aws:iam::111111111111:user/alice', 'arn:aws:iam::111111111111:user/alice'],
  ])('%s is %s', (principal, role) => {
    expect(roleOfPrincipal(principal)).toBe(role);
  });
});

describe('describeError of a refused call', () => {
  it('names the role, the permission and the resource, and where the permissions are listed', () => {
    const { title, message } = describeError(
      denied(
        'AccessDeniedException',
        `User: ${SESSION} is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:222222222222:service/prod/api because no identity-based policy allows the ecs:UpdateService action`,
      ),
    );
    expect(title).toBe('AWS ecs:UpdateService failed');
    expect(message).toBe(
      `ecs:UpdateService failed: AccessDeniedException: Access denied: ${ROLE} may not ecs:UpdateService on ` +
        'arn:aws:ecs:us-east-1:222222222222:service/prod/api (no identity-based policy allows the ecs:UpdateService ' +
        "action). If this run should reach that resource, grant ecs:UpdateService on it in the role's permission " +
        "policy (ecs-delivery's docs/iam.md lists what each action needs); if the resource belongs to another " +
        "environment, use that environment's role-to-assume. (request id req-1)",
    );
  });

  it.each([
    ['AccessDeniedException', 'Access Denied'],
    [
      'ThrottlingException',
      `User: ${SESSION} is not authorized to perform: ecs:UpdateService on resource: x`,
    ],
  ])('leaves %s "%s" as AWS said it', (code, message) => {
    expect(describeError(denied(code, message)).message).toBe(
      `ecs:UpdateService failed: ${code}: ${message} (request id req-1)`,
    );
  });
});
