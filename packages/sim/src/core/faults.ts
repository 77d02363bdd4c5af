import type { IncomingMessage } from 'node:http';
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
 * Applies the scenario's faults to one call of `service:action`: the latency first, then a dropped connection
 * (answers true: the socket is destroyed and nothing more is to be sent), throttling or a server error (thrown,
 * worded by the service).
 */
export async function injectFault(
  sim: Simulator,
  service: string,
  action: string,
  req: IncomingMessage,
  errors: FaultErrors,
): Promise<boolean> {
  const fault = sim.scenario.fault(service, action);
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.drop && sim.scenario.random() < fault.drop) {
    req.socket.destroy();
    return true;
  }
  if (fault.throttle && sim.scenario.random() < fault.throttle) throw errors.throttled();
  if (fault.error5xx && sim.scenario.random() < fault.error5xx) throw errors.unavailable();
  return false;
}
