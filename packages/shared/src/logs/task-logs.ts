import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { awsErrorCode, callAws } from '../errors/aws-operation-error';

/** Where one container of one task writes with the `awslogs` driver. */
export interface LogLocation {
  group: string;
  stream: string;
  /** `awslogs-region`, when the container sets one. */
  region: string | undefined;
}

/** The task id at the end of a task ARN (`arn:…:task/cluster/abc123` → `abc123`). */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/**
 * The awslogs stream of a container in a task: `<awslogs-stream-prefix>/<container>/<task id>`, as ECS names
 * it. `undefined` when the container does not log to CloudWatch Logs or has no stream prefix (then ECS names
 * the stream after the Docker container id, which the API does not tell).
 */
export function logLocation(
  container: ContainerDefinition | undefined,
  taskArn: string,
): LogLocation | undefined {
  const log = container?.logConfiguration;
  const options = log?.options ?? {};
  const group = options['awslogs-group'];
  const prefix = options['awslogs-stream-prefix'];
  if (
    log?.logDriver !== 'awslogs' ||
    group === undefined ||
    prefix === undefined ||
    container?.name === undefined
  ) {
    return undefined;
  }
  return {
    group,
    stream: `${prefix}/${container.name}/${taskIdOf(taskArn)}`,
    region: options['awslogs-region'],
  };
}

/** CloudWatch Logs clients by region (a container may log to another region than the task runs in). */
export type LogsClientFor = (region: string | undefined) => CloudWatchLogsClient;

/** The last `limit` lines of a stream, oldest first; `[]` when the stream does not exist (yet). */
export async function readLogTail(
  logs: CloudWatchLogsClient,
  where: LogLocation,
  limit = 20,
): Promise<string[]> {
  try {
    const out = await callAws('logs:GetLogEvents', () =>
      logs.send(
        new GetLogEventsCommand({
          logGroupName: where.group,
          logStreamName: where.stream,
          limit,
          startFromHead: false,
        }),
      ),
    );
    return (out.events ?? []).map((e) => e.message ?? '');
  } catch (err) {
    if (awsErrorCode(err) === 'ResourceNotFoundException') return [];
    throw err;
  }
}

/**
 * Reads a stream as it grows: each `next()` returns the lines written since the last one (GetLogEvents with
 * the forward token), `[]` while the stream does not exist yet.
 */
export class LogFollower {
  private token: string | undefined;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    readonly where: LogLocation,
  ) {}

  async next(): Promise<string[]> {
    const lines: string[] = [];
    // A page holds up to 1 MB; a few pages a look keep a chatty migration from falling behind.
    for (let page = 0; page < 5; page++) {
      let out;
      try {
        out = await callAws('logs:GetLogEvents', () =>
          this.logs.send(
            new GetLogEventsCommand({
              logGroupName: this.where.group,
              logStreamName: this.where.stream,
              startFromHead: true,
              ...(this.token !== undefined ? { nextToken: this.token } : {}),
            }),
          ),
        );
      } catch (err) {
        if (awsErrorCode(err) === 'ResourceNotFoundException') return lines;
        throw err;
      }
      const events = out.events ?? [];
      for (const e of events) lines.push(e.message ?? '');
      const same = out.nextForwardToken === undefined || out.nextForwardToken === this.token;
      if (out.nextForwardToken !== undefined) this.token = out.nextForwardToken;
      if (events.length === 0 || same) break;
    }
    return lines;
  }
}
