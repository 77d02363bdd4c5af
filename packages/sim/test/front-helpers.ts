import { request } from 'node:http';

/** One answer of a front: what a client sees. */
export interface FrontAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/**
 * A request to the simulator with a Host header. Node's fetch drops a `Host` header (the Fetch standard
 * forbids it), so this goes through node:http, as the smoke-test runner does.
 */
export function frontRequest(
  simUrl: string,
  host: string,
  path: string,
  options: { method?: string; body?: string } = {},
): Promise<FrontAnswer> {
  const url = new URL(path, simUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: { host }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Counts which task answered `n` requests, by the `x-sim-task` header. */
export async function tally(
  simUrl: string,
  host: string,
  path: string,
  n: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const answer = await frontRequest(simUrl, host, path);
    const task = answer.headers['x-sim-task'] ?? `status ${answer.status}`;
    counts.set(task, (counts.get(task) ?? 0) + 1);
  }
  return counts;
}
