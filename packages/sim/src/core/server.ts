import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from './errors';
import { closeWithoutAnswer, injectFault } from './faults';
import { DEFAULT_REGION, type Principal } from './identity';
import { validateRules } from './scenario';
import { checkSignature, sha256Hex, SIGNATURE_MISMATCH, sigV4Of } from './sigv4';
import { accessDeniedFor } from './authorization';
import type { AwsService, CallContext, Simulator } from './simulator';
import { parseQueryInput, queryError, queryResponse, toAwsJson } from './wire';

const MAX_JSON_BODY = 16 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new AwsError('ValidationException', `request body over ${limit} bytes`, 413);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

interface ResolvedCall {
  service: AwsService;
  action: string;
  input: Record<string, unknown>;
}

function resolveJsonCall(sim: Simulator, target: string, body: Buffer): ResolvedCall {
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, dot);
  const action = target.slice(dot + 1);
  const service = [...sim.services.values()].find((s) => s.protocol === 'json' && s.targetPrefix === prefix);
  if (!service)
    throw new AwsError('UnknownOperationException', `no service answers X-Amz-Target ${target}`, 400);
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new AwsError('SerializationException', 'the request body is not valid JSON');
    }
  }
  return { service, action, input };
}

function resolveQueryCall(sim: Simulator, body: Buffer, signingService: string | undefined): ResolvedCall {
  const params = new URLSearchParams(body.toString('utf8'));
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'the request names no Action');
  const candidates = [...sim.services.values()].filter((s) => s.protocol === 'query');
  const service =
    candidates.find((s) => s.name === signingService) ?? candidates.find((s) => action in s.actions);
  if (!service) throw new AwsError('InvalidAction', `no service answers Action=${action}`);
  return { service, action, input: parseQueryInput(params) };
}

async function handleAws(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const body = await readBody(req, MAX_JSON_BODY);
  const target = req.headers['x-amz-target'];
  const sig = sigV4Of(req, undefined);
  let call: ResolvedCall | undefined;
  let status = 200;
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  let principal: Principal | undefined;
  /** A `loseResponse` fault: the call is handled, and its answer, success or error, never sent. */
  let lost = false;
  const now = sim.clock.now();
  const region = sig?.region ?? DEFAULT_REGION;

  const reply = (code: number, payload: string, contentType: string): void => {
    if (lost) {
      closeWithoutAnswer(req);
      return;
    }
    res.writeHead(code, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': requestId,
      // Real time, as any server's: the AWS SDKs correct their signing clock from this header and retry every
      // error while the correction moves, which a clock running ahead would make them do forever.
      date: new Date().toUTCString(),
    });
    res.end(payload);
  };

  try {
    call =
      typeof target === 'string'
        ? resolveJsonCall(sim, target, body)
        : resolveQueryCall(sim, body, sig?.service);
    const { service, action } = call;

    const query = service.protocol === 'query';
    const fault = await injectFault(sim, service.name, action, req, {
      throttled: () => new AwsError(query ? 'Throttling' : 'ThrottlingException', 'Rate exceeded', 400),
      unavailable: () =>
        new AwsError(
          query ? 'ServiceUnavailable' : 'ServiceUnavailableException',
          'Service is temporarily unavailable',
          503,
        ),
    });
    if (fault === 'drop') {
      status = 0;
      errorCode = 'ConnectionDropped';
      return;
    }
    lost = fault === 'loseResponse';
    if (!(service.unsignedActions ?? []).includes(action)) {
      if (!sig) {
        throw new AwsError(
          service.protocol === 'query' ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException',
          'Request is missing Authentication Token',
          403,
        );
      }
      principal = sim.credentials.resolve(sig.accessKeyId, sig.token, now, service.name);
      // Only the credentials STS issued have a secret the simulator knows; static keys are never checked.
      const signingKey = sim.credentials.signingKey(sig.accessKeyId, sig.date, sig.region, sig.service);
      if (signingKey) {
        // The body as received is what was signed, whatever hash `x-amz-content-sha256` declares.
        const payloadHash =
          req.headers['x-amz-content-sha256'] === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD' : sha256Hex(body);
        if (!checkSignature(req, sig, signingKey, payloadHash, false).valid) {
          throw new AwsError(
            query ? 'SignatureDoesNotMatch' : 'InvalidSignatureException',
            SIGNATURE_MISMATCH,
            403,
          );
        }
      }
    }
    const handler = service.actions[action];
    if (!handler) {
      throw service.protocol === 'query'
        ? new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
        : new AwsError(
            'UnknownOperationException',
            `The operation ${action} is not supported by the simulator.`,
          );
    }
    sim.advance();
    const ctx: CallContext = {
      sim,
      service: service.name,
      action,
      account: principal?.account ?? '',
      region,
      principal,
      requestId,
      now: sim.clock.now(),
    };
    if (principal && sim.authorizer.enforces(principal)) {
      const checks = service.permissions?.(ctx, call.input) ?? [
        { action: `${service.name}:${action}`, resource: '*' },
      ];
      const denial = sim.authorizer.evaluate(principal, checks, region);
      if (denial) throw accessDeniedFor(denial, service.protocol);
    }
    const result = await handler(ctx, call.input);
    sim.advance();
    if (service.protocol === 'json') {
      reply(200, toAwsJson(result ?? {}), `application/x-amz-json-${service.jsonVersion ?? '1.1'}`);
    } else {
      reply(200, queryResponse(action, service.xmlNamespace ?? '', result, requestId), 'text/xml');
    }
  } catch (err) {
    const e =
      err instanceof AwsError
        ? err
        : new AwsError('InternalFailure', `simulator error: ${(err as Error).message}`, 500);
    if (!(err instanceof AwsError)) console.error(err);
    status = e.status;
    errorCode = e.code;
    errorMessage = e.message;
    if (call?.service.protocol === 'query' || (call === undefined && typeof target !== 'string')) {
      reply(
        e.status,
        queryError(call?.service.xmlNamespace ?? '', e.type, e.code, e.message, requestId),
        'text/xml',
      );
    } else {
      res.setHeader('x-amzn-errortype', e.code);
      reply(
        e.status,
        JSON.stringify({ __type: e.code, message: e.message, ...e.fields }),
        'application/x-amz-json-1.1',
      );
    }
  } finally {
    sim.calls.add({
      time: new Date(now).toISOString(),
      realTime: Date.now(),
      service: call?.service.name ?? sig?.service ?? 'unknown',
      action: call?.action ?? 'unknown',
      status,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(errorMessage !== undefined ? { errorMessage } : {}),
      ...(principal ? { account: principal.account, principal: principal.arn } : {}),
      region,
      requestId,
      ...(lost ? { lost: true as const } : {}),
    });
  }
}

async function handleControl(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const json = async (): Promise<unknown> => {
    const body = await readBody(req, MAX_JSON_BODY);
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      throw new AwsError('ValidationException', 'the body is not valid JSON');
    }
  };
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /_sim/health':
      return sendJson(res, 200, {
        status: 'ok',
        url: sim.url,
        timeScale: sim.clock.timeScale,
        now: new Date(sim.clock.now()).toISOString(),
      });
    case 'GET /_sim/state':
      sim.advance();
      return sendJson(res, 200, sim.snapshot());
    case 'POST /_sim/reset':
      sim.reset();
      return sendJson(res, 200, { reset: true });
    case 'POST /_sim/seed':
      return sendJson(res, 200, { seeded: true, ...sim.seed(await json()) });
    case 'GET /_sim/scenario':
      return sendJson(res, 200, { rules: sim.scenario.list() });
    case 'POST /_sim/scenario': {
      const body = (await json()) as { rules?: unknown };
      const rules = validateRules(body.rules);
      sim.scenario.add(rules);
      return sendJson(res, 200, { added: rules.length, rules: sim.scenario.list() });
    }
    case 'DELETE /_sim/scenario':
      sim.scenario.clear();
      return sendJson(res, 200, { rules: [] });
    case 'GET /_sim/calls': {
      const since = url.searchParams.get('since');
      return sendJson(
        res,
        200,
        sim.calls.list({
          ...(url.searchParams.get('service') ? { service: url.searchParams.get('service')! } : {}),
          ...(url.searchParams.get('action') ? { action: url.searchParams.get('action')! } : {}),
          ...(since ? { since: Number(since) } : {}),
        }),
      );
    }
    case 'GET /_sim/secrets':
      return sendJson(res, 200, sim.secrets.list());
    case 'DELETE /_sim/calls':
      sim.calls.clear();
      return sendJson(res, 200, []);
    case 'GET /_sim/clock':
      return sendJson(res, 200, {
        now: new Date(sim.clock.now()).toISOString(),
        timeScale: sim.clock.timeScale,
      });
    case 'POST /_sim/clock': {
      const body = (await json()) as { timeScale?: number; advanceSeconds?: number };
      if (body.timeScale !== undefined) sim.clock.setTimeScale(Number(body.timeScale));
      if (body.advanceSeconds !== undefined) sim.clock.advance(Number(body.advanceSeconds) * 1000);
      sim.advance();
      return sendJson(res, 200, {
        now: new Date(sim.clock.now()).toISOString(),
        timeScale: sim.clock.timeScale,
      });
    }
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}

export async function handleRequest(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    const host = req.headers.host ?? '';
    const route =
      sim.routes.find((r) => r.claims?.(req, url) === true) ??
      sim.routes.find((r) => r.claimsHost?.(host) === true) ??
      sim.routes
        .filter(
          (r) =>
            r.claimsHost === undefined &&
            r.claims === undefined &&
            (url.pathname === r.prefix ||
              url.pathname.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`)),
        )
        .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (route) {
      sim.advance();
      await route.handle(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/_sim/')) {
      await handleControl(sim, req, res, url);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/') {
      await handleAws(sim, req, res);
      return;
    }
    sendJson(res, 404, { error: `nothing is served at ${req.method} ${url.pathname}` });
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof AwsError) sendJson(res, err.status, { error: err.code, message: err.message });
    else {
      console.error(err);
      sendJson(res, 500, { error: 'InternalFailure', message: (err as Error).message });
    }
  }
}

export async function listen(sim: Simulator, port = 0, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    void handleRequest(sim, req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  sim.url = `http://${host}:${bound}`;
  return server;
}
