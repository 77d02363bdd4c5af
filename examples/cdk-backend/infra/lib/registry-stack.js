// The container registry (the plan's ECR stack): one repository with immutable tags, scanned on push, that keeps
// the last ten images and drops untagged ones after a week. Every environment pulls from it; a release is the
// same digest everywhere.
const cdk = require('aws-cdk-lib');
const ecr = require('aws-cdk-lib/aws-ecr');

class RegistryStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: props.repositoryName,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
      lifecycleRules: [
        {
          description: 'untagged images go after a week',
          tagStatus: ecr.TagStatus.UNTAGGED,
          maxImageAge: cdk.Duration.days(7),
        },
        { description: 'keep the last ten images', tagStatus: ecr.TagStatus.ANY, maxImageCount: 10 },
      ],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    // The repository's own URI (what ECR answers), for the build's logs and the README's commands.
    new cdk.CfnOutput(this, 'RepositoryUri', { value: this.repository.node.defaultChild.attrRepositoryUri });
    new cdk.CfnOutput(this, 'RepositoryName', { value: this.repository.repositoryName });
  }
}

module.exports = { RegistryStack };
