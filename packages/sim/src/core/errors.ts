/** An error the simulator answers with, in the wire shape of the AWS service that raised it. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** awsQuery's error Type: Sender for the caller's fault, Receiver for the service's. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    /** Members the error shape carries besides its message (JSON protocols), e.g. ConflictException's resourceIds. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const accessDenied = (message: string): AwsError =>
  new AwsError('AccessDeniedException', message, 400);
