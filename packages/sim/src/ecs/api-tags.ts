import { AwsError } from '../core/errors';
import type { ActionHandler } from '../core/simulator';
import { Input, invalidParameter } from '../core/request';
import { mergeTags, tagsIn, type Region, type Tag } from './model';
import { checkArnOwner, findTaskDefinition, regionFor } from './resolve';

/** Anything that carries tags: clusters, services, task definitions and tasks. */
interface Tagged {
  tags: Tag[];
}

function taggedByArn(r: Region, arn: string): Tagged {
  const m = /^arn:aws[\w-]*:ecs:[^:]+:\d{12}:([a-z-]+)\/(.+)$/.exec(arn);
  const notFound = (): never => {
    throw new AwsError('InvalidParameterException', 'The specified resource is not found.');
  };
  if (!m) return notFound();
  checkArnOwner(arn, r);
  const [kind, path] = [m[1]!, m[2]!];
  const parts = path.split('/');
  if (kind === 'task-definition') return findTaskDefinition(r, arn) ?? notFound();
  const cluster = r.clusters.get(parts[0] ?? '');
  if (kind === 'cluster') {
    if (!cluster || cluster.status !== 'ACTIVE')
      throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
    return cluster;
  }
  if (kind === 'service') {
    // Short service ARNs (`service/NAME`) predate the cluster in the ARN: look in every cluster.
    if (parts.length === 1) {
      for (const c of r.clusters.values()) {
        const svc = c.services.get(parts[0]!);
        if (svc) return svc;
      }
      return notFound();
    }
    return cluster?.services.get(parts[1] ?? '') ?? notFound();
  }
  if (kind === 'task') return cluster?.tasks.get(parts[1] ?? '') ?? notFound();
  return notFound();
}

const TagResource: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const target = taggedByArn(regionFor(ctx), input.required('resourceArn'));
  const tags = tagsIn(input.objects('tags'), (m) => input.fail(m));
  const merged = mergeTags(target.tags, tags);
  if (merged.length > 50) input.fail('Too many tags: a resource can have at most 50 tags.');
  target.tags = merged;
  return {};
};

const UntagResource: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  const target = taggedByArn(regionFor(ctx), input.required('resourceArn'));
  const keys = new Set(input.strings('tagKeys') ?? []);
  target.tags = target.tags.filter((t) => !keys.has(t.key));
  return {};
};

const ListTagsForResource: ActionHandler = (ctx, raw) => {
  const input = new Input(raw, invalidParameter);
  return { tags: taggedByArn(regionFor(ctx), input.required('resourceArn')).tags };
};

export const tagActions: Record<string, ActionHandler> = { TagResource, UntagResource, ListTagsForResource };
