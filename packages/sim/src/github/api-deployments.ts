import {
  invalidRequest,
  notFound,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalString,
  optionalStringList,
  paginate,
  requiredString,
  RestError,
  type RestRequest,
  type RestResponse,
  validationFailed,
} from './api-http';
import {
  DEPLOYMENT_STATES,
  type DeploymentRecord,
  type DeploymentStatusRecord,
  deploymentView,
  githubState,
  nextId,
  sameRepository,
  shaOf,
  statusView,
} from './store';

const MAX_STATUS_DESCRIPTION = 140;

const repositoryOf = (req: RestRequest): string => `${req.params[0]}/${req.params[1]}`;

function deploymentOf(req: RestRequest): DeploymentRecord {
  const d = githubState(req.sim).deployments.get(Number(req.params[2]));
  if (!d || !sameRepository(d.repository, repositoryOf(req))) throw notFound();
  return d;
}

const latestState = (d: DeploymentRecord): string | undefined => d.statuses[d.statuses.length - 1]?.state;

function payloadOf(body: Record<string, unknown>): unknown {
  const payload = body['payload'];
  if (payload === undefined) return {};
  if (
    typeof payload === 'string' ||
    (typeof payload === 'object' && payload !== null && !Array.isArray(payload))
  ) {
    return payload;
  }
  throw invalidRequest(`For 'properties/payload', ${JSON.stringify(payload)} is not an object or a string.`);
}

/** POST /repos/{owner}/{repo}/deployments */
export function createDeployment(req: RestRequest): RestResponse {
  const repository = repositoryOf(req);
  const ref = requiredString(req.body, 'ref');
  if (ref === '') throw validationFailed('Deployment', 'ref', 'ref cannot be blank');
  const environment = optionalString(req.body, 'environment') ?? 'production';
  const description = nullableString(req.body, 'description');
  const record: DeploymentRecord = {
    id: nextId(req.sim),
    repository,
    sha: shaOf(repository, ref),
    ref,
    task: optionalString(req.body, 'task') ?? 'deploy',
    payload: payloadOf(req.body),
    originalEnvironment: environment,
    environment,
    description: description ?? null,
    transientEnvironment: optionalBoolean(req.body, 'transient_environment') ?? false,
    productionEnvironment:
      optionalBoolean(req.body, 'production_environment') ?? environment === 'production',
    autoMerge: optionalBoolean(req.body, 'auto_merge') ?? true,
    requiredContexts: optionalStringList(req.body, 'required_contexts') ?? null,
    createdAt: req.now,
    updatedAt: req.now,
    statuses: [],
  };
  githubState(req.sim).deployments.set(record.id, record);
  return { status: 201, body: deploymentView(req.apiUrl, record) };
}

/** GET /repos/{owner}/{repo}/deployments: newest first, filtered by sha, ref, task, environment. */
export function listDeployments(req: RestRequest): RestResponse {
  const repository = repositoryOf(req);
  const filters = (['sha', 'ref', 'task', 'environment'] as const)
    .map((key) => [key, req.query.get(key)] as const)
    .filter((f): f is readonly [(typeof f)[0], string] => f[1] !== null && f[1] !== 'none');
  const all = [...githubState(req.sim).deployments.values()]
    .filter((d) => sameRepository(d.repository, repository))
    .filter((d) => filters.every(([key, value]) => d[key] === value))
    .sort((a, b) => b.id - a.id);
  const { page, headers } = paginate(req, `/repos/${repository}/deployments`, all);
  return { status: 200, body: page.map((d) => deploymentView(req.apiUrl, d)), headers };
}

/** GET /repos/{owner}/{repo}/deployments/{id} */
export function getDeployment(req: RestRequest): RestResponse {
  return { status: 200, body: deploymentView(req.apiUrl, deploymentOf(req)) };
}

/** DELETE /repos/{owner}/{repo}/deployments/{id}: only an inactive one, or the only one of its environment. */
export function deleteDeployment(req: RestRequest): RestResponse {
  const d = deploymentOf(req);
  const deployments = githubState(req.sim).deployments;
  const sameEnvironment = [...deployments.values()].filter(
    (o) => sameRepository(o.repository, d.repository) && o.environment === d.environment,
  );
  if (latestState(d) !== 'inactive' && sameEnvironment.length > 1) {
    throw new RestError(
      422,
      'We cannot delete an active deployment unless it is the only deployment in a given environment.',
    );
  }
  deployments.delete(d.id);
  return { status: 204 };
}

/** Marks earlier successful deployments of the same environment inactive, as `auto_inactive` does. */
function deactivatePrevious(req: RestRequest, current: DeploymentRecord): void {
  for (const d of githubState(req.sim).deployments.values()) {
    if (d.id >= current.id || !sameRepository(d.repository, current.repository)) continue;
    if (d.environment !== current.environment || latestState(d) !== 'success') continue;
    d.statuses.push({
      id: nextId(req.sim),
      state: 'inactive',
      description: '',
      environment: d.environment,
      targetUrl: '',
      logUrl: '',
      environmentUrl: d.statuses[d.statuses.length - 1]?.environmentUrl ?? '',
      createdAt: req.now,
    });
    d.updatedAt = req.now;
  }
}

/** POST /repos/{owner}/{repo}/deployments/{id}/statuses */
export function createDeploymentStatus(req: RestRequest): RestResponse {
  const d = deploymentOf(req);
  const state = oneOf(req.body, 'state', DEPLOYMENT_STATES);
  const description = optionalString(req.body, 'description') ?? '';
  if ([...description].length > MAX_STATUS_DESCRIPTION) {
    throw validationFailed(
      'DeploymentStatus',
      'description',
      `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`,
    );
  }
  const logUrl = optionalString(req.body, 'log_url');
  const targetUrl = optionalString(req.body, 'target_url');
  const environment =
    optionalString(req.body, 'environment') ??
    d.statuses[d.statuses.length - 1]?.environment ??
    d.environment;
  const status: DeploymentStatusRecord = {
    id: nextId(req.sim),
    state,
    description,
    environment,
    // Setting log_url sets target_url to the same value (and the legacy target_url fills log_url).
    targetUrl: logUrl ?? targetUrl ?? '',
    logUrl: logUrl ?? targetUrl ?? '',
    environmentUrl: optionalString(req.body, 'environment_url') ?? '',
    createdAt: req.now,
  };
  d.environment = environment;
  d.statuses.push(status);
  d.updatedAt = req.now;
  if (state === 'success' && optionalBoolean(req.body, 'auto_inactive') !== false) deactivatePrevious(req, d);
  return { status: 201, body: statusView(req.apiUrl, d, status) };
}

/** GET /repos/{owner}/{repo}/deployments/{id}/statuses: newest first. */
export function listDeploymentStatuses(req: RestRequest): RestResponse {
  const d = deploymentOf(req);
  const newestFirst = [...d.statuses].reverse();
  const { page, headers } = paginate(req, `/repos/${d.repository}/deployments/${d.id}/statuses`, newestFirst);
  return { status: 200, body: page.map((s) => statusView(req.apiUrl, d, s)), headers };
}

/** GET /repos/{owner}/{repo}/deployments/{id}/statuses/{status_id} */
export function getDeploymentStatus(req: RestRequest): RestResponse {
  const d = deploymentOf(req);
  const s = d.statuses.find((x) => x.id === Number(req.params[3]));
  if (!s) throw notFound();
  return { status: 200, body: statusView(req.apiUrl, d, s) };
}
