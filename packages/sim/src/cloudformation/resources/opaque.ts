import { randomBytes, randomUUID } from 'node:crypto';
import type { Json } from '../../core/request';
import { str } from './support';
import type { ProvisionedResource, ResourceContext, ResourceProvider } from './types';

/**
 * Types the simulator does not model (EC2, load balancers, KMS…): made with physical ids and attributes that look
 * like the real ones (`vpc-0…`, `subnet-0…`, `sg-0…`, ARNs), so what reads them (ECS's subnets and security groups)
 * sees ids of the right form.
 */

const hex = (n: number): string =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
/** An EC2 id: its prefix and 17 hex digits, as EC2 makes them now. */
const ec2Id = (prefix: string): string => `${prefix}-0${hex(16)}`;

type Maker = (ctx: ResourceContext, props: Json) => ProvisionedResource;

function ec2(
  prefix: string,
  idAttribute?: string,
  extra: (props: Json, id: string) => Json = () => ({}),
): Maker {
  return (_ctx, props) => {
    const id = ec2Id(prefix);
    return {
      physicalId: id,
      attributes: { ...(idAttribute ? { [idAttribute]: id } : {}), ...extra(props, id) },
    };
  };
}

function elbArn(ctx: ResourceContext, kind: string, name: string): string {
  return `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:${kind}/${name}/${hex(16)}`;
}

const elbName = (ctx: ResourceContext, props: Json): string =>
  str(props['Name']) ??
  `${ctx.stackName}-${ctx.logicalId}`.replace(/[^A-Za-z0-9-]/g, '').slice(0, 26) + `-${hex(5)}`;

const MAKERS: Record<string, Maker> = {
  'AWS::EC2::VPC': ec2('vpc', 'VpcId', (props) => ({
    CidrBlock: str(props['CidrBlock']) ?? '10.0.0.0/16',
    CidrBlockAssociations: [ec2Id('vpc-cidr-assoc')],
    DefaultNetworkAcl: ec2Id('acl'),
    DefaultSecurityGroup: ec2Id('sg'),
    Ipv6CidrBlocks: [],
  })),
  'AWS::EC2::Subnet': (ctx, props) => {
    const id = ec2Id('subnet');
    return {
      physicalId: id,
      attributes: {
        SubnetId: id,
        AvailabilityZone: str(props['AvailabilityZone']) ?? `${ctx.region}a`,
        CidrBlock: str(props['CidrBlock']) ?? '10.0.0.0/24',
        VpcId: str(props['VpcId']) ?? '',
        NetworkAclAssociationId: ec2Id('aclassoc'),
        Ipv6CidrBlocks: [],
      },
    };
  },
  'AWS::EC2::SecurityGroup': ec2('sg', 'GroupId', (props) => ({ VpcId: str(props['VpcId']) ?? '' })),
  'AWS::EC2::InternetGateway': ec2('igw', 'InternetGatewayId'),
  'AWS::EC2::EgressOnlyInternetGateway': ec2('eigw', 'Id'),
  'AWS::EC2::RouteTable': ec2('rtb', 'RouteTableId'),
  'AWS::EC2::SubnetRouteTableAssociation': ec2('rtbassoc', 'Id'),
  'AWS::EC2::NatGateway': ec2('nat', 'NatGatewayId'),
  'AWS::EC2::NetworkAcl': ec2('acl', 'Id'),
  'AWS::EC2::NetworkInterface': ec2('eni', 'Id'),
  'AWS::EC2::VPCEndpoint': ec2('vpce', 'Id', () => ({ DnsEntries: [], NetworkInterfaceIds: [] })),
  'AWS::EC2::SecurityGroupIngress': ec2('sgr', 'Id'),
  'AWS::EC2::SecurityGroupEgress': ec2('sgr', 'Id'),
  'AWS::EC2::LaunchTemplate': ec2('lt', 'LaunchTemplateId', () => ({
    DefaultVersionNumber: '1',
    LatestVersionNumber: '1',
  })),
  'AWS::EC2::Instance': ec2('i', 'InstanceId', () => ({ PrivateIp: '10.0.0.10', PublicIp: '' })),
  'AWS::EC2::FlowLog': ec2('fl', 'Id'),
  'AWS::EC2::EIP': () => {
    const ip = `52.${1 + (randomBytes(1)[0]! % 254)}.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 254)}`;
    return { physicalId: ip, attributes: { AllocationId: ec2Id('eipalloc'), PublicIp: ip } };
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': (ctx, props) => {
    const name = elbName(ctx, props);
    const type = str(props['Type']) === 'network' ? 'net' : 'app';
    const arn = elbArn(ctx, `loadbalancer/${type}`, name);
    const dns = `${name}-${hex(10)}.${ctx.region}.elb.amazonaws.com`;
    return {
      physicalId: arn,
      attributes: {
        LoadBalancerArn: arn,
        LoadBalancerName: name,
        LoadBalancerFullName: arn.split(':loadbalancer/')[1],
        DNSName: dns,
        CanonicalHostedZoneID: 'Z35SXDOTRQ7X7K',
        SecurityGroups: [],
      },
    };
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': (ctx, props) => {
    const name = elbName(ctx, props);
    const arn = elbArn(ctx, 'targetgroup', name);
    return {
      physicalId: arn,
      attributes: {
        TargetGroupArn: arn,
        TargetGroupName: name,
        TargetGroupFullName: arn.split(':')[5],
        LoadBalancerArns: [],
      },
    };
  },
  'AWS::ElasticLoadBalancingV2::Listener': (ctx) => {
    const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:listener/app/${ctx.stackName}/${hex(16)}/${hex(16)}`;
    return { physicalId: arn, attributes: { ListenerArn: arn } };
  },
  'AWS::KMS::Alias': (ctx, props) => ({
    physicalId: str(props['AliasName']) ?? `alias/${ctx.stackName}-${ctx.logicalId}`,
    attributes: {},
  }),
  'AWS::KMS::Key': (ctx) => {
    const id = randomUUID();
    return {
      physicalId: id,
      attributes: { KeyId: id, Arn: `arn:aws:kms:${ctx.region}:${ctx.account}:key/${id}` },
    };
  },
};

/**
 * A type the simulator does not model: created with a generated physical id (EC2-like for EC2 types), and any
 * attribute `Fn::GetAtt` asks for answers a generated value.
 */
export function opaqueProviderFor(type: string): ResourceProvider {
  const make = MAKERS[type];
  return {
    create(ctx, props) {
      if (make) return make(ctx, props);
      return {
        physicalId: `${ctx.stackName}-${ctx.logicalId}-${randomBytes(6).toString('hex').toUpperCase()}`,
        attributes: {},
      };
    },
    needsReplacement: () => false,
    update: (_ctx, current) => current,
    delete: () => undefined,
  };
}
