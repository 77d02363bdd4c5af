import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { formatDuration } from '../inputs/duration';
import type { HttpAnswer, HttpSender } from './types';

/** How much of a body a check reads; the rest is dropped (a smoke check needs the start). */
export const MAX_BODY_BYTES = 1024 * 1024;

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Sends one request with node:http(s). Not `fetch`: the Fetch standard forbids a `Host` header and Node's
 * fetch silently drops it, while a smoke check behind a load balancer often needs one (`Host: api.example.com`
 * sent to the balancer's address). With a Host header over https, TLS asks for that name (SNI) too.
 * Redirects are not followed: a check sees the 3xx itself.
 */
export const sendHttpRequest: HttpSender = (spec) =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const url = new URL(spec.url);
    const hostEntry = Object.entries(spec.headers).find(([n]) => n.toLowerCase() === 'host');
    const servername = hostEntry?.[1].replace(/:\d+$/, '');
    const headers: Record<string, string> = { 'user-agent': 'ecs-delivery-smoke-test', ...spec.headers };
    if (spec.body !== undefined && !Object.keys(headers).some((n) => n.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(Buffer.byteLength(spec.body));
    }
    const started = performance.now();
    const signals = [AbortSignal.timeout(spec.timeoutMs), ...(spec.signal ? [spec.signal] : [])];
    const signal = AbortSignal.any(signals);
    const options = {
      method: spec.method,
      headers,
      signal,
      agent: false as const,
      ...(url.protocol === 'https:' && servername !== undefined && servername !== '' ? { servername } : {}),
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (): void =>
        resolve({
          status: res.statusCode ?? 0,
          headers: flatten(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
          latencyMs: Math.round(performance.now() - started),
          truncated,
        });
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = MAX_BODY_BYTES - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          truncated = true;
          finish();
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        if (!truncated) finish();
      });
      res.on('error', (err) => {
        if (!truncated) reject(describeFailure(err, spec.timeoutMs, signal, spec.signal));
      });
    });
    req.on('error', (err) => reject(describeFailure(err, spec.timeoutMs, signal, spec.signal)));
    req.end(spec.body);
  });

function describeFailure(
  err: Error,
  timeoutMs: number,
  combined: AbortSignal,
  outer: AbortSignal | undefined,
): Error {
  if (outer?.aborted === true) return outer.reason instanceof Error ? outer.reason : err;
  if (combined.aborted) return new Error(`no answer within ${formatDuration(timeoutMs)}`);
  const code = (err as NodeJS.ErrnoException).code;
  return new Error(
    code !== undefined && !err.message.includes(code) ? `${code}: ${err.message}` : err.message,
  );
}
