import type { IncomingMessage } from 'node:http';
import type { FaultKind } from './scenario';
import type { Simulator } from './simulator';

/** How a service words the two faults it answers: throttling and a server error. */
export interface FaultErrors {
  throttled: () => Error;
  unavailable: () => Error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The scenario's latency for one call of `service:action`, then the fault it draws, if any (see
 * `Scenario.strike`): every surface with scenario faults (AWS protocols, S3, GitHub's REST API) goes through here.
 */
export async function drawFault(
  sim: Simulator,
  service: string,
  action: string,
): Promise<FaultKind | undefined> {
  const { latencyMs } = sim.scenario.fault(service, action);
  if (latencyMs) await sleep(latencyMs);
  return sim.scenario.strike(service, action);
}

/**
 * Closes the connection without a word: what a dropped connection and a lost answer look like to the client, a
 * socket hang-up the AWS SDKs retry as a transient network error.
 */
export function closeWithoutAnswer(req: IncomingMessage): void {
  req.socket.destroy();
}

/**
 * Applies the scenario's faults to one call of `service:action`: the latency first, then a dropped connection
 * (answers `drop`: the socket is destroyed and nothing more is to be sent), throttling or a server error (thrown,
 * worded by the service), or a lost answer (answers `loseResponse`: the caller handles the call as usual, then
 * closes the connection with `closeWithoutAnswer` instead of answering).
 */
export async function injectFault(
  sim: Simulator,
  service: string,
  action: string,
  req: IncomingMessage,
  errors: FaultErrors,
): Promise<'drop' | 'loseResponse' | undefined> {
  const fault = await drawFault(sim, service, action);
  if (fault === 'drop') {
    closeWithoutAnswer(req);
    return 'drop';
  }
  if (fault === 'throttle') throw errors.throttled();
  if (fault === 'error5xx') throw errors.unavailable();
  return fault;
}
