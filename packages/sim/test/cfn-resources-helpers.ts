import { providerFor, type ProvisionedResource, type ResourceContext } from '../src/cloudformation/resources';
import type { Simulator } from '../src/core/simulator';

/** Calling CloudFormation's resource providers directly, as the stack engine does, for one stack. */

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export function contextFor(sim: Simulator, logicalId: string, stackName = 'app'): ResourceContext {
  return {
    sim,
    account: ACCOUNT,
    region: REGION,
    stackName,
    stackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stackName}/0b8e1a30-0000-4000-8000-000000000000`,
    logicalId,
    now: sim.clock.now(),
  };
}

/** A resource of one stack: create, update and delete it with its current properties remembered. */
export class StackResource {
  current: ProvisionedResource | undefined;
  properties: Record<string, unknown> = {};

  constructor(
    private readonly sim: Simulator,
    readonly type: string,
    readonly logicalId: string,
    private readonly stackName = 'app',
  ) {}

  private get ctx(): ResourceContext {
    return contextFor(this.sim, this.logicalId, this.stackName);
  }

  create(properties: Record<string, unknown>): ProvisionedResource {
    this.current = providerFor(this.type).create(this.ctx, properties);
    this.properties = properties;
    return this.current;
  }

  /** An update as the engine makes it: a replacement (create the new, delete the old) or in place. */
  update(properties: Record<string, unknown>): { replaced: boolean; old: ProvisionedResource } {
    const provider = providerFor(this.type);
    const old = this.current!;
    if (provider.needsReplacement(this.properties, properties)) {
      const made = provider.create(this.ctx, properties);
      provider.delete(this.ctx, old, this.properties);
      this.current = made;
      this.properties = properties;
      return { replaced: true, old };
    }
    this.current = provider.update(this.ctx, old, this.properties, properties);
    this.properties = properties;
    return { replaced: false, old };
  }

  delete(): void {
    providerFor(this.type).delete(this.ctx, this.current!, this.properties);
  }

  stabilize(): boolean | string {
    return providerFor(this.type).stabilize?.(this.ctx, this.current!) ?? true;
  }
}

/** The message a call failed with. */
export function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the call to fail');
}

/** CloudFormation's wording of a handler failure, with the service's message. */
export function handlerFailure(message: string, code = 'InvalidRequest'): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^Resource handler returned message: "${escaped}" \\(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: ${code}\\)$`,
  );
}
