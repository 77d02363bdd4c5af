// The Dougust backend's infrastructure: one registry for the image, then one stack per environment with its
// cluster, log group, task roles and Fargate service. Plain JavaScript, so `node bin/backend.js` runs it with no
// compile step. Everything is in one account and region (cdk.json's context), deployed together (`cdk deploy --all`).
const cdk = require('aws-cdk-lib');
const { RegistryStack } = require('../lib/registry-stack');
const { ServiceStack } = require('../lib/service-stack');

const app = new cdk.App();
const context = (name) => String(app.node.getContext(name));
const env = { account: context('account'), region: context('region') };
const list = (name) => context(name).split(',');

const registry = new RegistryStack(app, 'DougustRegistry', {
  env,
  description: 'Dougust backend: the ECR repository every environment pulls from',
  repositoryName: 'dougust-backend',
});

for (const name of list('environments')) {
  new ServiceStack(app, `DougustBackend-${name}`, {
    env,
    description: `Dougust backend: the ${name} cluster and service`,
    envName: name,
    repository: registry.repository,
    network: {
      vpcId: context('vpc-id'),
      availabilityZones: list('availability-zones'),
      privateSubnetIds: list('private-subnet-ids'),
    },
  });
}

app.synth();
