import { foreignArnProblem, serviceArns } from '../src/aws';

const session = { accountId: '123456789012', region: 'eu-west-1' };

describe('an ARN an input gives', () => {
  it('of the session account and region is fine, as is a plain name', () => {
    expect(
      foreignArnProblem(
        { value: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shop', input: 'cluster' },
        session,
      ),
    ).toBeUndefined();
    expect(foreignArnProblem({ value: 'shop', input: 'cluster' }, session)).toBeUndefined();
  });

  it('of another account is refused, naming the input and both accounts', () => {
    const problem = foreignArnProblem(
      { value: 'arn:aws:ecs:eu-west-1:999999999999:cluster/shop', input: 'cluster' },
      session,
    );
    expect(problem?.input).toBe('cluster');
    expect(problem?.message).toBe(
      'Input "cluster" names arn:aws:ecs:eu-west-1:999999999999:cluster/shop, of account 999999999999, but the AWS credentials belong to account 123456789012: deploy to another account with that account\'s role-to-assume.',
    );
  });

  it('of another region is refused, naming both regions', () => {
    const problem = foreignArnProblem(
      { value: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:3', input: 'to' },
      session,
    );
    expect(problem?.message).toBe(
      'Input "to" names arn:aws:ecs:us-east-1:123456789012:task-definition/api:3, in region us-east-1, but the run is in region eu-west-1: set aws-region to us-east-1.',
    );
  });

  it('is named by cluster and service, or by the manifest', () => {
    const targets = [{ cluster: 'c', service: 's' }];
    expect(serviceArns(targets, false)).toEqual([
      { value: 'c', input: 'cluster' },
      { value: 's', input: 'service' },
    ]);
    expect(serviceArns(targets, true).map((a) => a.input)).toEqual(['manifest', 'manifest']);
  });
});
