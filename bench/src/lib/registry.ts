import type { SimHandle } from '@ecs-delivery/testkit';

/** The simulator registry's transfer counters (GET /_sim/state → ecr.transfer), zero since its last reset. */
export interface RegistryTransfer {
  blobBytesServed: number;
  blobBytesReceived: number;
  blobsMounted: number;
}

export async function registryTransfer(sim: SimHandle): Promise<RegistryTransfer> {
  const state = (await sim.state()) as { ecr?: { transfer?: RegistryTransfer } };
  const t = state.ecr?.transfer;
  if (t === undefined) throw new Error("the simulator's registry keeps no transfer counters (ecr.transfer)");
  return t;
}

/** What moved between two readings. */
export function transferSince(before: RegistryTransfer, after: RegistryTransfer): RegistryTransfer {
  return {
    blobBytesServed: after.blobBytesServed - before.blobBytesServed,
    blobBytesReceived: after.blobBytesReceived - before.blobBytesReceived,
    blobsMounted: after.blobsMounted - before.blobsMounted,
  };
}
