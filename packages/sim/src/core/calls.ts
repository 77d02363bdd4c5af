/** One AWS call as the simulator saw it, in the shape `GET /_sim/calls` returns. */
export interface CallRecord {
  /** ISO time on the simulator clock. */
  time: string;
  /** Real epoch milliseconds, for benchmarks that measure latency. */
  realTime: number;
  service: string;
  action: string;
  status: number;
  errorCode?: string;
  /** The error's message as the caller got it (an AccessDenied names the action and the resource). */
  errorMessage?: string;
  account?: string;
  /** The caller's ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, `arn:aws:iam::ACCOUNT:root`). */
  principal?: string;
  region?: string;
  requestId: string;
  /**
   * A `loseResponse` fault took the answer: the call was handled (`status` is what it would have answered) and
   * the connection closed instead, so the caller saw a network error.
   */
  lost?: true;
}

const MAX_CALLS = 50_000;

export class CallLog {
  private records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_CALLS) this.records.splice(0, this.records.length - MAX_CALLS);
  }

  list(filter: { service?: string; action?: string; since?: number } = {}): CallRecord[] {
    return this.records.filter(
      (r) =>
        (filter.service === undefined || r.service === filter.service) &&
        (filter.action === undefined || r.action === filter.action) &&
        (filter.since === undefined || r.realTime >= filter.since),
    );
  }

  clear(): void {
    this.records = [];
  }
}
