import {
  awslogsGroups,
  parseSecretReference,
  referencedImages,
  referencedSecrets,
  type TaskDefinitionDocument,
} from '../src/taskdef';

const def: TaskDefinitionDocument = {
  family: 'f',
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api@sha256:abc',
      secrets: [
        { name: 'DB_URL', valueFrom: '/shop/prod/db-url' },
        {
          name: 'JWT',
          valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf:signing::',
        },
        { name: 'KEY', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/prod/key' },
      ],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/shop/prod/api',
          'awslogs-region': 'eu-west-1',
          'awslogs-stream-prefix': 'api',
        },
      },
    },
    {
      name: 'router',
      image: 'fluent/fluent-bit:3',
      repositoryCredentials: {
        credentialsParameter: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub-XyZ123',
      },
      logConfiguration: {
        logDriver: 'awsfirelens',
        secretOptions: [{ name: 'apikey', valueFrom: 'plain-param' }],
      },
    },
    {
      name: 'init',
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/shop/init', 'awslogs-create-group': 'true' },
      },
    },
  ],
};

describe('references for the preflight', () => {
  it('lists images as written, per container', () => {
    expect(referencedImages(def)).toEqual([
      { container: 'app', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api@sha256:abc' },
      { container: 'router', image: 'fluent/fluent-bit:3' },
    ]);
  });

  it('lists every secret reference with what to look up, never a value', () => {
    expect(referencedSecrets(def)).toEqual([
      {
        container: 'app',
        name: 'DB_URL',
        location: 'secrets',
        valueFrom: '/shop/prod/db-url',
        service: 'ssm',
        id: '/shop/prod/db-url',
      },
      {
        container: 'app',
        name: 'JWT',
        location: 'secrets',
        valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf:signing::',
        service: 'secretsmanager',
        id: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/jwt-AbCdEf',
        region: 'eu-west-1',
        accountId: '123456789012',
        jsonKey: 'signing',
      },
      {
        container: 'app',
        name: 'KEY',
        location: 'secrets',
        valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/prod/key',
        service: 'ssm',
        id: '/shop/prod/key',
        region: 'us-east-1',
        accountId: '123456789012',
      },
      {
        container: 'router',
        name: 'apikey',
        location: 'logConfiguration.secretOptions',
        valueFrom: 'plain-param',
        service: 'ssm',
        id: 'plain-param',
      },
      {
        container: 'router',
        name: 'repositoryCredentials',
        location: 'repositoryCredentials',
        valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub-XyZ123',
        service: 'secretsmanager',
        id: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:hub-XyZ123',
        region: 'eu-west-1',
        accountId: '123456789012',
      },
    ]);
  });

  it.each([
    ['arn:aws:ssm:eu-west-1:123456789012:parameter/flat', 'flat'],
    ['arn:aws-cn:ssm:cn-north-1:123456789012:parameter/a/b', '/a/b'],
    ['/a/b', '/a/b'],
  ])('reads the SSM parameter name of %s', (valueFrom, id) => {
    expect(parseSecretReference(valueFrom)).toMatchObject({ service: 'ssm', id });
  });

  it('lists awslogs groups, noting those created on first use', () => {
    expect(awslogsGroups(def)).toEqual([
      {
        container: 'app',
        group: '/shop/prod/api',
        region: 'eu-west-1',
        streamPrefix: 'api',
        createGroup: false,
      },
      { container: 'init', group: '/shop/init', createGroup: true },
    ]);
  });
});
