import type { PathSegment } from './json-path';
import type { StatusRange } from './status';

/** One HTTP check of a smoke test, validated (see `parseChecks`). */
export interface SmokeCheck {
  /** How reports name it: the `name` given, else `METHOD url`. */
  name: string;
  /** An absolute http(s) URL. */
  url: string;
  method: string;
  /** Request headers, including `Host` for load-balancer routing. Names as given. */
  headers: Record<string, string>;
  body?: string;
  /** Any of these statuses passes (default 200-299). */
  status: StatusRange[];
  /** Each of these must appear in the body. */
  bodyContains: string[];
  /** Each JSON path must hold this value (deep equality). */
  jsonEquals: { path: string; segments: PathSegment[]; value: unknown }[];
  maxLatencyMs?: number;
  /** The version (digest, tag or image reference) the response must prove is serving. */
  expectVersion?: string;
  /** Where the version is in a JSON body; default: the usual fields (digest, version, tag, image…). */
  versionPath?: { path: string; segments: PathSegment[] };
  /** Per-request timeout, overriding the run's. */
  requestTimeoutMs?: number;
  /** The wait between attempts, overriding the run's. */
  intervalMs?: number;
  /** Give up after this many failed attempts (a manifest's `retries`), before the timeout. */
  retries?: number;
}

/** What one request of a check saw. */
export interface HttpAnswer {
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** From sending the request to the last byte read. */
  latencyMs: number;
  /** The body was longer than the runner reads; `body` holds the start. */
  truncated: boolean;
}

export interface HttpRequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Sends one request; rejects on a network error or timeout with a message a person can read. */
export type HttpSender = (request: HttpRequestSpec) => Promise<HttpAnswer>;
