import { ConfigurationError, parseImageRef } from '@ecs-delivery/shared';

/** Where the `to` input sends a service. */
export type RollbackTarget =
  /** The task definition of the last successful deployment before the current one. */
  | { kind: 'previous-successful' }
  /** A task definition, as an ARN or `family:revision`. */
  | { kind: 'task-definition'; ref: string }
  /** A new revision of the service's current definition with this image in `container` (default: see README). */
  | { kind: 'image'; image: string; container: string | undefined };

export const PREVIOUS_SUCCESSFUL = 'previous-successful';

/** What ECS accepts as a task-definition family (and a container name). */
const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const FAMILY_REVISION = /^[A-Za-z0-9_-]{1,255}:[1-9]\d*$/;
const TASK_DEFINITION_ARN =
  /^arn:aws[a-z-]*:ecs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:[1-9]\d*$/;

export const TO_FORMS =
  '"previous-successful", a task definition (an ARN, or family:revision like web:42), or an image ' +
  '([container=]<image-ref> with a tag or an @sha256: digest, like web=123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:v41)';

function refuse(input: string, why: string): never {
  throw new ConfigurationError(`Input "${input}" ${why}.`, { input });
}

function looksLikeImage(text: string): boolean {
  return text.includes('/') || text.includes('@sha256:');
}

function imageTarget(input: string, image: string, container: string | undefined): RollbackTarget {
  // A reference without a tag means "latest", which names nothing a rollback can be sure of.
  parseImageRef(image, input);
  return { kind: 'image', image, container };
}

/**
 * Tells the forms of `to` apart by their shape: an ARN must be a task definition's; `container=` starts an
 * image; a reference with `/` or `@sha256:` is an image; `family:revision` is a task definition. Anything
 * else is refused, listing the forms.
 */
export function parseTarget(text: string | undefined, input = 'to'): RollbackTarget {
  const value = (text ?? '').trim();
  if (value === '' || value.toLowerCase() === PREVIOUS_SUCCESSFUL) return { kind: 'previous-successful' };
  if (value.startsWith('arn:')) {
    if (TASK_DEFINITION_ARN.test(value)) return { kind: 'task-definition', ref: value };
    return refuse(
      input,
      `is an ARN, but not one of a task-definition revision (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>); got ${JSON.stringify(value)}`,
    );
  }
  const eq = value.indexOf('=');
  if (eq >= 0) {
    const container = value.slice(0, eq).trim();
    const image = value.slice(eq + 1).trim();
    if (!NAME.test(container)) {
      return refuse(
        input,
        `names the container ${JSON.stringify(container)} before "=", which is not a container name (letters, digits, "-" and "_")`,
      );
    }
    if (!looksLikeImage(image)) {
      return refuse(
        input,
        `gives ${JSON.stringify(image)} for container "${container}": expected an image reference with a repository (<repositoryUri>:<tag> or <repositoryUri>@sha256:<digest>)`,
      );
    }
    return imageTarget(input, image, container);
  }
  if (looksLikeImage(value)) return imageTarget(input, value, undefined);
  if (FAMILY_REVISION.test(value)) return { kind: 'task-definition', ref: value };
  return refuse(input, `must be ${TO_FORMS}; got ${JSON.stringify(value)}`);
}

/** How messages and the summary name a target. */
export function describeTarget(target: RollbackTarget): string {
  switch (target.kind) {
    case 'previous-successful':
      return 'the last successful deployment before the current one';
    case 'task-definition':
      return `task definition ${target.ref}`;
    case 'image':
      return `image ${target.image}${target.container === undefined ? '' : ` in container ${target.container}`}`;
  }
}
