/** Lines written to one log stream, as a container's awslogs driver writes them. */
export interface AppendLogEventsInput {
  account: string;
  region: string;
  logGroupName: string;
  logStreamName: string;
  /** Plain lines get consecutive millisecond timestamps starting at `now`. */
  events: ({ timestamp: number; message: string } | string)[];
  /** Simulator time of the write, epoch ms. */
  now: number;
  /** Create the group when it is missing (awslogs-create-group). Without it a missing group throws. */
  createGroup?: boolean;
}

/**
 * Where what the simulator's containers print goes. The logs module installs CloudWatch Logs here; ECS writes
 * through it without knowing which module keeps the lines.
 */
export interface LogSink {
  /** Whether a log group exists, for callers that must fail the way awslogs does before writing. */
  groupExists(account: string, region: string, name: string): boolean;
  /** Appends lines, creating the stream (and, when asked, the group); throws when the group is missing. */
  append(input: AppendLogEventsInput): void;
}

/** The sink before a logs module is installed: no group exists and nothing is kept. */
export const noLogSink: LogSink = {
  groupExists: () => false,
  append: () => undefined,
};
