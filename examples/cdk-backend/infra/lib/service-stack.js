// One environment of the backend (the plan's ECS stack): the cluster, the log group, the task and execution
// roles, the task definition and the Fargate service with the deployment circuit breaker and its rollback.
//
// The cluster, service, roles and log group get names of their own (dougust-<env>, backend, ...) rather than the
// ones CloudFormation would generate: the deploy manifest (deploy/ecs.yml) and the deploy roles' policies (iam/)
// name them, and the names survive a replacement. The stack's outputs repeat them for later jobs.
//
// The stack creates the service with no task: its repository is empty until the first release. The deploys
// then run the releases, each a new revision of this task definition with the image (by digest), environment and
// secrets of the manifest. CloudFormation only sends what changed in the template, so a later `cdk deploy` that
// leaves the task definition and the desired count alone does not touch the running release.
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const iam = require('aws-cdk-lib/aws-iam');
const logs = require('aws-cdk-lib/aws-logs');

class ServiceStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const { envName, repository, network } = props;
    const name = `dougust-${envName}`;

    // The network (VPC, private subnets, NAT) is the plan's network stack; this stack only refers to it.
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: network.vpcId,
      availabilityZones: network.availabilityZones,
      privateSubnetIds: network.privateSubnetIds,
    });

    const cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: name,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/ecs/${name}/backend`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    const executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: `${name}-backend-execution`,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `Pulls the backend's image, writes its logs and reads its ${envName} secrets`,
    });
    // The secrets the manifest hands the container (database URL, JWT secrets): this environment's only.
    executionRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [`arn:aws:secretsmanager:${this.region}:${this.account}:secret:${envName}/dougust/*`],
      }),
    );
    const taskRole = new iam.Role(this, 'TaskRole', {
      roleName: `${name}-backend-task`,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `The ${envName} backend's own AWS identity`,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: `${name}-backend`,
      cpu: 512,
      memoryLimitMiB: 1024,
      executionRole,
      taskRole,
    });
    taskDefinition.addContainer('app', {
      containerName: 'app',
      // A placeholder until the first release: the deploys put each release's digest here.
      image: ecs.ContainerImage.fromEcrRepository(repository, 'initial'),
      essential: true,
      portMappings: [{ containerPort: 3000 }],
      environment: { NODE_ENV: 'production', PORT: '3000' },
      // The plan's health check: a task whose /api/health fails is replaced, and counts toward the circuit breaker.
      healthCheck: {
        command: ['CMD-SHELL', 'wget -qO- http://localhost:3000/api/health || exit 1'],
        interval: cdk.Duration.seconds(15),
        retries: 3,
        startPeriod: cdk.Duration.seconds(30),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'backend' }),
    });

    const service = new ecs.FargateService(this, 'Service', {
      cluster,
      serviceName: 'backend',
      taskDefinition,
      desiredCount: 0,
      vpcSubnets: { subnets: vpc.privateSubnets },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      // A release whose tasks do not start is stopped, and ECS goes back to the last deployment that completed.
      circuitBreaker: { enable: true, rollback: true },
    });

    new cdk.CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    new cdk.CfnOutput(this, 'ServiceName', { value: service.serviceName });
    new cdk.CfnOutput(this, 'LogGroupName', { value: logGroup.logGroupName });
    new cdk.CfnOutput(this, 'TaskDefinitionFamily', { value: taskDefinition.family });
    new cdk.CfnOutput(this, 'ExecutionRoleArn', { value: executionRole.roleArn });
    new cdk.CfnOutput(this, 'TaskRoleArn', { value: taskRole.roleArn });
  }
}

module.exports = { ServiceStack };
