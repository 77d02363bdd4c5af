/** The `<SERVICE>` of `AWS_ENDPOINT_URL_<SERVICE>` for an SDK service id: `CloudWatch Logs` → `CLOUDWATCH_LOGS`. */
export function endpointEnvName(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceId.trim().replace(/\s+/g, '_').toUpperCase()}`;
}

/**
 * The endpoint a service's calls go to, as AWS's service-specific endpoint settings define it:
 * `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else `undefined` (AWS's own endpoint).
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns both off. This is how the same code reaches the simulator.
 */
export function resolveEndpoint(serviceId: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true') return undefined;
  const specific = env[endpointEnvName(serviceId)]?.trim();
  if (specific) return specific;
  const general = env['AWS_ENDPOINT_URL']?.trim();
  return general ? general : undefined;
}
