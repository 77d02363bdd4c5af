import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBehaviour, HttpResponseBehaviour } from '../core/scenario';
import { globMatch } from '../core/glob';
import { readBody } from '../core/server';
import type { Simulator } from '../core/simulator';
import type { TaskRecord } from '../ecs/model';
import { frontState, routeRequest, type FrontTarget } from './hosts';
import { servedImage, serviceTargets, servingContainer, type ServedImage } from './targets';

/** What an ALB answers when its target group has no healthy target. */
const ALB_503 =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
  '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n';

const ALB_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n' +
  '<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n';

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function albError(req: IncomingMessage, res: ServerResponse, status: 404 | 503, reason: string): void {
  send(req, res, status, status === 503 ? ALB_503 : ALB_404, {
    'content-type': 'text/html',
    server: 'awselb/2.0',
    'x-sim-reason': reason,
  });
}

/** Round robin over the tasks taking traffic: each gets its share, so a rollout splits by running counts. */
function pickTask(sim: Simulator, target: FrontTarget, tasks: TaskRecord[]): TaskRecord {
  const cursors = frontState(sim).cursors;
  const key = `${target.account}/${target.region}/${target.cluster}/${target.service}`;
  const n = cursors.get(key) ?? 0;
  cursors.set(key, n + 1);
  return tasks[n % tasks.length]!;
}

/** The behaviour for one path: the rule's own, overridden by the `paths` entry that matches (exact first). */
export function behaviourFor(behaviour: HttpBehaviour, path: string): HttpResponseBehaviour {
  const { paths, ...base } = behaviour;
  const entries = Object.entries(paths ?? {});
  const match = entries.find(([p]) => p === path) ?? entries.find(([p]) => globMatch(p, path));
  if (!match) return base;
  return { ...base, ...match[1], headers: { ...base.headers, ...match[1].headers } };
}

function defaultBody(path: string, served: ServedImage, task: TaskRecord): string {
  if (path === '/version') {
    return JSON.stringify({
      image: served.image,
      ...(served.digest !== undefined ? { digest: served.digest } : {}),
      ...(served.tag !== undefined ? { tag: served.tag } : {}),
      taskDefinition: task.taskDefinitionArn,
    });
  }
  return JSON.stringify({ status: 'ok', service: task.serviceName, task: task.id });
}

function contentType(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/** Answers a request whose Host names a front: from a running task of the service, or as an ALB would. */
export async function handleFront(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  // Drain the request body: the answer never depends on it, but the connection must stay usable.
  await readBody(req, 1024 * 1024);
  const route = routeRequest(sim, req.headers.host ?? '', url.pathname);
  if (route.kind === 'no-rule') {
    return albError(req, res, 404, `no front of host ${route.host} matches path ${url.pathname}`);
  }
  if (route.kind === 'unknown-host') return albError(req, res, 404, `no front for host ${route.host}`);
  const lookup = serviceTargets(sim, route.target);
  if (lookup.kind === 'missing') return albError(req, res, 503, lookup.reason);
  if (lookup.tasks.length === 0) {
    return albError(req, res, 503, `service ${lookup.service.name} has no running task`);
  }
  const task = pickTask(sim, route.target, lookup.tasks);
  const container = servingContainer(task);
  if (!container) return albError(req, res, 503, `task ${task.id} has no container`);
  const served = servedImage(sim, container);
  const behaviour = behaviourFor(sim.scenario.httpBehaviour(served.refs), url.pathname);
  if (behaviour.latencyMs !== undefined && behaviour.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
  }
  const body = behaviour.body ?? defaultBody(url.pathname, served, task);
  send(req, res, behaviour.status ?? 200, body, {
    'content-type': contentType(body),
    ...behaviour.headers,
    'x-sim-front': route.front,
    'x-sim-task': task.id,
    'x-sim-task-definition': task.taskDefinitionArn,
    'x-sim-image': served.image,
    ...(served.digest !== undefined ? { 'x-sim-image-digest': served.digest } : {}),
  });
}
