import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';
import { sameTaskDefinition } from '../taskdef/normalize';
import { sendOnce, withoutBlindRetry } from './lost-answer';
import type { RegisterTaskDefinitionInput, TaskDefinitionDocument } from '../taskdef/types';

/**
 * A task definition as DescribeTaskDefinition returns it, with its tags folded in (so comparing it with a
 * rendered definition that has tags works), or `undefined` when there is no such definition.
 */
export async function describeTaskDefinition(
  ecs: ECSClient,
  ref: string,
): Promise<TaskDefinitionDocument | undefined> {
  try {
    const out = await callAws('ecs:DescribeTaskDefinition', () =>
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref, include: ['TAGS'] })),
    );
    if (out.taskDefinition === undefined) return undefined;
    return {
      ...out.taskDefinition,
      ...(out.tags !== undefined && out.tags.length > 0 ? { tags: out.tags } : {}),
    };
  } catch (err) {
    // ECS answers ClientException ("Unable to describe task definition.") for a definition it does not have.
    if (awsErrorCode(err) === 'ClientException') return undefined;
    throw err;
  }
}

/** What {@link registerIfChanged} did. */
export interface Registration {
  arn: string;
  /** A new revision was registered; false when an existing one is identical and is reused. */
  registered: boolean;
  /** Which existing revision was identical (`live`: the service's own, `latest`: the family's newest). */
  reused?: 'live' | 'latest';
}

/** The family of a task definition ARN (`…:task-definition/web:12` → `web`), or `undefined` for another form. */
export function familyOfArn(arn: string | undefined): string | undefined {
  return /:task-definition\/([^:/]+):\d+$/.exec(arn ?? '')?.[1];
}

/**
 * The live task definition of a service and the newest ACTIVE revision of its family, in one
 * DescribeTaskDefinition when the live one is the newest (as it is but after a failed or outside registration),
 * else two. `latest` is undefined when the family has no ACTIVE revision.
 */
export async function describeLiveAndLatest(
  ecs: ECSClient,
  liveArn: string,
): Promise<{ live: TaskDefinitionDocument | undefined; latest: TaskDefinitionDocument | undefined }> {
  const family = familyOfArn(liveArn);
  if (family === undefined) return { live: await describeTaskDefinition(ecs, liveArn), latest: undefined };
  const latest = await describeTaskDefinition(ecs, family);
  if (latest?.taskDefinitionArn === liveArn) return { live: latest, latest };
  return { live: await describeTaskDefinition(ecs, liveArn), latest };
}

/**
 * Registers `rendered` unless an identical definition exists: the service's live one, or the family's newest
 * ACTIVE revision (a re-run whose UpdateService failed). So a re-run with nothing new registers nothing.
 * `known.latest`: the family's newest revision as just described (see {@link describeLiveAndLatest}), so it is
 * not described again.
 */
export async function registerIfChanged(
  ecs: ECSClient,
  rendered: RegisterTaskDefinitionInput,
  live: TaskDefinitionDocument | undefined,
  known?: { latest: TaskDefinitionDocument | undefined },
): Promise<Registration> {
  if (
    live?.taskDefinitionArn !== undefined &&
    live.status !== 'INACTIVE' &&
    sameTaskDefinition(rendered, live)
  ) {
    return { arn: live.taskDefinitionArn, registered: false, reused: 'live' };
  }
  const family = rendered.family;
  const hasFamily = family !== undefined && family !== '';
  let latest: TaskDefinitionDocument | undefined;
  if (hasFamily) {
    latest =
      known !== undefined && familyOfArn(known.latest?.taskDefinitionArn) === family
        ? known.latest
        : await describeTaskDefinition(ecs, family);
    if (
      latest?.taskDefinitionArn !== undefined &&
      latest.taskDefinitionArn !== live?.taskDefinitionArn &&
      sameTaskDefinition(rendered, latest)
    ) {
      return { arn: latest.taskDefinitionArn, registered: false, reused: 'latest' };
    }
  }
  // Sent without the SDK's blind retry of a lost answer: a resend would register a second revision. After a
  // lost answer the family's newest revision says whether the call was carried out.
  return sendOnce<Registration>(
    async () => {
      const out = await callAws('ecs:RegisterTaskDefinition', () =>
        ecs.send(withoutBlindRetry(new RegisterTaskDefinitionCommand(rendered))),
      );
      const arn = out.taskDefinition?.taskDefinitionArn;
      if (arn === undefined) throw new Error('RegisterTaskDefinition returned no task definition ARN.');
      return { arn, registered: true };
    },
    hasFamily
      ? async () => {
          const now = await describeTaskDefinition(ecs, family);
          return now?.taskDefinitionArn !== undefined &&
            now.taskDefinitionArn !== latest?.taskDefinitionArn &&
            sameTaskDefinition(rendered, now)
            ? { arn: now.taskDefinitionArn, registered: true }
            : undefined;
        }
      : undefined,
  );
}
