import { ConfigurationError } from '@ecs-delivery/shared';
import { parseTarget, type RollbackTarget } from '../src/target';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web';
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:42';

describe('the forms of "to", told apart by shape', () => {
  it.each<[string | undefined, RollbackTarget]>([
    [undefined, { kind: 'previous-successful' }],
    ['', { kind: 'previous-successful' }],
    ['previous-successful', { kind: 'previous-successful' }],
    [' Previous-Successful ', { kind: 'previous-successful' }],
    ['web:42', { kind: 'task-definition', ref: 'web:42' }],
    ['shop_api-v2:7', { kind: 'task-definition', ref: 'shop_api-v2:7' }],
    [ARN, { kind: 'task-definition', ref: ARN }],
    [
      'arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/web:3',
      { kind: 'task-definition', ref: 'arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/web:3' },
    ],
    [`${ECR}:v41`, { kind: 'image', image: `${ECR}:v41`, container: undefined }],
    [`${ECR}@${DIGEST}`, { kind: 'image', image: `${ECR}@${DIGEST}`, container: undefined }],
    [`web=${ECR}:v41`, { kind: 'image', image: `${ECR}:v41`, container: 'web' }],
    [`sidecar = ${ECR}@${DIGEST}`, { kind: 'image', image: `${ECR}@${DIGEST}`, container: 'sidecar' }],
    [
      'localhost:5000/shop/web:1',
      { kind: 'image', image: 'localhost:5000/shop/web:1', container: undefined },
    ],
    [
      'docker.io/library/nginx:1.27',
      { kind: 'image', image: 'docker.io/library/nginx:1.27', container: undefined },
    ],
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['latest', 'must be "previous-successful", a task definition'],
    ['web', 'must be "previous-successful"'],
    ['web:0', 'must be "previous-successful"'],
    ['web:latest', 'must be "previous-successful"'],
    ['nginx:1.27', 'must be "previous-successful"'],
    [
      'arn:aws:ecs:eu-west-1:123456789012:service/shop/web',
      'is an ARN, but not one of a task-definition revision',
    ],
    [
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/web',
      'is an ARN, but not one of a task-definition revision',
    ],
    [
      'arn:aws:ecs:eu-west-1:1234:task-definition/web:1',
      'is an ARN, but not one of a task-definition revision',
    ],
    [ECR, 'must be an image as <repository>@sha256:<digest> or <repository>:<tag>'],
    [`${ECR}@sha256:abc`, 'must be an image as'],
    [`web=${ECR}`, 'must be an image as'],
    [`=${ECR}:v1`, 'names the container "" before "="'],
    ['web=web:3', 'gives "web:3" for container "web": expected an image reference with a repository'],
  ])('refuses %s, naming the input', (text, message) => {
    let error: unknown;
    try {
      parseTarget(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).input).toBe('to');
    expect((error as Error).message).toContain('Input "to"');
    expect((error as Error).message).toContain(message);
  });
});
