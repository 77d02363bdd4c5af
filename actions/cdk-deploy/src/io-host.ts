import * as core from '@actions/core';
import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import { formatDuration } from '@ecs-delivery/shared';
import { plain, type StackDrift } from './diff-report';
import { decideGate, DEPLOY_CONFIRMATION, type GateDecision } from './gate';

/** Where the IoHost writes: @actions/core in the action, a recorder in tests. */
export interface Log {
  info(line: string): void;
  debug(line: string): void;
  warning(message: string, title?: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

export const coreLog: Log = {
  info: (line) => core.info(line),
  debug: (line) => core.debug(line),
  warning: (message, title) => core.warning(message, title === undefined ? {} : { title }),
  startGroup: (name) => core.startGroup(name),
  endGroup: () => core.endGroup(),
};

/** A resource CloudFormation failed, as the stack's events tell it. */
export interface FailedResource {
  stack: string;
  logicalId: string;
  type: string;
  status: string;
  reason: string;
  /** The construct that defined it (`Shop/Service/Service`). */
  constructPath: string | undefined;
  /** Where in the app it was created, when the assembly records stack traces. */
  trace: string[] | undefined;
}

/** A stack's deployment as the toolkit reported it (CDK_TOOLKIT_I5900). */
export interface DeployedStackResult {
  stackArn: string;
  noOp: boolean;
  outputs: Record<string, string>;
}

export interface IoHostOptions {
  approveBroadening: boolean;
  log?: Log;
  /** A quiet deployment prints a progress line this often (default 30 s). */
  heartbeatMs?: number;
  now?: () => number;
}

/** Messages of the toolkit's stack monitoring and results, by code. */
const CODES = {
  synthStart: 'CDK_TOOLKIT_I1001',
  appStdout: 'CDK_ASSEMBLY_I1001',
  appStderr: 'CDK_ASSEMBLY_E1002',
  assemblyInfo: 'CDK_ASSEMBLY_I9999',
  assemblyWarning: 'CDK_ASSEMBLY_W9999',
  assemblyError: 'CDK_ASSEMBLY_E9999',
  monitorStart: 'CDK_TOOLKIT_I5501',
  stackActivity: 'CDK_TOOLKIT_I5502',
  monitorEnd: 'CDK_TOOLKIT_I5503',
  deployResult: 'CDK_TOOLKIT_I5900',
  driftResult: 'CDK_TOOLKIT_I4590',
  diagnosis: 'CDK_TOOLKIT_E9500',
  sdkTrace: 'CDK_SDK_I0100',
  validation: 'CDK_TOOLKIT_E9600',
} as const;

/** At most this many annotations from the app's validation: the log has the rest. */
const MAX_VALIDATION_ANNOTATIONS = 20;

interface ValidationData {
  pluginReports?: {
    violations?: {
      ruleName?: string;
      description?: string;
      severity?: string;
      violatingConstructs?: { constructPath?: string }[];
    }[];
  }[];
}

/** Events of resources that failed because another did: not the cause. */
const KNOCK_ON = /^Resource (creation|update) cancelled$|cancelled$/i;

interface StackEventLike {
  StackName?: string;
  LogicalResourceId?: string;
  ResourceType?: string;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
}

interface ActivityData {
  event?: StackEventLike;
  metadata?: { constructPath?: string; entry?: { trace?: string[] } };
  progress?: { completed?: number; total?: number; formatted?: string };
}

interface SynthesisMessageData {
  id?: string;
  entry?: { data?: unknown };
}

interface DiagnosisData {
  stackName?: string;
  result?: {
    type?: string;
    problems?: {
      logicalId?: string;
      resourceType?: string;
      message?: string;
      sourceTrace?: { constructPath?: string; creationStackTrace?: string[] };
    }[];
  };
}

/**
 * The toolkit's IoHost for a GitHub runner: every message goes to the log at its level, each stack's
 * deployment in a log group of its own with a line per resource event (and a progress line when it is quiet
 * for long), the app's warnings become annotations; the deploy confirmation is answered by the security
 * gate; every other question gets the toolkit's default answer (nothing here is interactive). What the
 * report needs (results, failures, drift, the gate's decisions) is kept.
 */
export class ActionIoHost implements IIoHost {
  readonly failures: FailedResource[] = [];
  readonly deployed = new Map<string, DeployedStackResult>();
  readonly drift: StackDrift[] = [];
  readonly decisions: GateDecision[] = [];
  /** The last stack status CloudFormation reported per stack (a failed deployment ends in its final one). */
  readonly finalStatus = new Map<string, string>();
  private readonly log: Log;
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private group: string | undefined;
  private monitored: { stack: string; since: number; lastEventAt: number; progress: string } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: IoHostOptions) {
    this.log = options.log ?? coreLog;
    this.now = options.now ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
  }

  /** Opens a log group, closing the open one first (the runner does not nest groups). */
  openGroup(name: string): void {
    this.closeGroup();
    this.log.startGroup(name);
    this.group = name;
  }

  closeGroup(): void {
    if (this.group === undefined) return;
    this.log.endGroup();
    this.group = undefined;
  }

  /** Ends the progress lines and the group; call when the toolkit is done. */
  dispose(): void {
    this.stopHeartbeat();
    this.closeGroup();
  }

  async notify(msg: IoMessage<unknown>): Promise<void> {
    this.handle(msg);
    return Promise.resolve();
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (msg.code === DEPLOY_CONFIRMATION) {
      const decision = decideGate(msg.data, this.options.approveBroadening);
      this.decisions.push(decision);
      this.log.info(`Security gate: ${decision.approve ? 'approved' : 'REFUSED'} (${decision.reason}).`);
      return Promise.resolve(decision.approve as T);
    }
    // Nothing else is asked of a person here: take the toolkit's default, and say so.
    this.handle(msg);
    this.log.debug(`${msg.code}: answered with the default ${JSON.stringify(msg.defaultResponse)}`);
    return Promise.resolve(msg.defaultResponse);
  }

  private handle(msg: IoMessage<unknown>): void {
    const text = plain(msg.message);
    switch (msg.code) {
      case CODES.sdkTrace:
        return this.log.debug(text);
      case CODES.monitorStart:
        return this.startMonitoring(msg.data);
      case CODES.stackActivity:
        return this.activity(msg.data as ActivityData);
      case CODES.monitorEnd:
        this.stopHeartbeat();
        this.log.info(text);
        return;
      case CODES.deployResult:
        return this.deployResult(msg.data);
      case CODES.driftResult:
        this.driftResult(msg.data);
        break;
      case CODES.diagnosis:
        this.diagnosis(msg.data as DiagnosisData);
        break;
      case CODES.validation:
        this.validation(msg.data as ValidationData);
        break;
      case CODES.assemblyWarning:
      case CODES.assemblyError:
        return this.synthesisMessage(msg.code, text, msg.data as SynthesisMessageData);
      default:
        break;
    }
    if (msg.level === 'debug' || msg.level === 'trace') return this.log.debug(text);
    if (msg.level === 'warn') return this.log.warning(text);
    for (const line of text.replace(/^\n+|\n+$/g, '').split('\n')) this.log.info(line);
  }

  private synthesisMessage(code: string, text: string, data: SynthesisMessageData): void {
    const path = data?.id;
    const kind = code === CODES.assemblyError ? 'error' : 'warning';
    this.log.warning(text, path === undefined ? `CDK ${kind}` : `CDK ${kind}: ${path}`);
  }

  /** The app's construct annotations and template validation: one warning annotation per finding. */
  private validation(data: ValidationData): void {
    const violations = (data?.pluginReports ?? []).flatMap((r) => r.violations ?? []);
    for (const v of violations.slice(0, MAX_VALIDATION_ANNOTATIONS)) {
      const path = v.violatingConstructs?.[0]?.constructPath;
      this.log.warning(
        plain(v.description ?? v.ruleName ?? 'validation finding'),
        path === undefined ? 'CDK' : `CDK: ${path}`,
      );
    }
  }

  private startMonitoring(data: unknown): void {
    const stack = (data as { stackName?: string } | undefined)?.stackName ?? 'stack';
    this.openGroup(`Deploy ${stack}`);
    this.stopHeartbeat();
    const now = this.now();
    this.monitored = { stack, since: now, lastEventAt: now, progress: '' };
    this.timer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  private heartbeat(): void {
    const m = this.monitored;
    if (m === undefined || this.now() - m.lastEventAt < this.heartbeatMs) return;
    const progress = m.progress === '' ? '' : `, ${m.progress} resources done`;
    this.log.info(`${m.stack}: still deploying${progress} (${formatDuration(this.now() - m.since)} so far)`);
  }

  private stopHeartbeat(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.monitored = undefined;
  }

  private activity(data: ActivityData): void {
    const event = data?.event ?? {};
    const stack = event.StackName ?? 'stack';
    const status = event.ResourceStatus ?? '';
    const reason = event.ResourceStatusReason ?? '';
    // The toolkit gives the path below the stack (`Service/Service`); the diff shows it whole.
    const below = data?.metadata?.constructPath;
    const path = below === undefined || below.startsWith(`${stack}/`) ? below : `${stack}/${below}`;
    if (this.monitored !== undefined) {
      this.monitored.lastEventAt = this.now();
      this.monitored.progress = data?.progress?.formatted?.trim() ?? '';
    }
    const progress = data?.progress?.formatted?.trim();
    this.log.info(
      [
        progress === undefined || progress === '' ? undefined : `[${progress}]`,
        status,
        event.ResourceType,
        event.LogicalResourceId,
        path === undefined ? undefined : `(${path})`,
        reason === '' ? undefined : `— ${reason}`,
      ]
        .filter((p) => p !== undefined && p !== '')
        .join(' '),
    );
    if (event.ResourceType === 'AWS::CloudFormation::Stack' && event.LogicalResourceId === stack) {
      this.finalStatus.set(stack, status);
      return;
    }
    if (status.endsWith('_FAILED') && reason !== '' && !KNOCK_ON.test(reason)) {
      this.failures.push({
        stack,
        logicalId: event.LogicalResourceId ?? '',
        type: event.ResourceType ?? '',
        status,
        reason,
        constructPath: path,
        trace: data?.metadata?.entry?.trace,
      });
    }
  }

  private deployResult(data: unknown): void {
    const r = data as { stackArn?: string; noOp?: boolean; outputs?: Record<string, string> } | undefined;
    if (r?.stackArn !== undefined) {
      this.deployed.set(r.stackArn, {
        stackArn: r.stackArn,
        noOp: r.noOp === true,
        outputs: r.outputs ?? {},
      });
    }
    this.stopHeartbeat();
    this.log.info(r?.noOp === true ? 'No changes: nothing was executed.' : 'Deployed.');
  }

  private driftResult(data: unknown): void {
    const d = data as
      | {
          stack?: { stackName?: string };
          drift?: {
            numResourcesWithDrift?: number;
            numResourcesUnchecked?: number;
            formattedDrift?: Record<string, string | undefined>;
          };
        }
      | undefined;
    const f = d?.drift?.formattedDrift ?? {};
    this.drift.push({
      stack: d?.stack?.stackName ?? 'stack',
      drifted: d?.drift?.numResourcesWithDrift ?? 0,
      unchecked: d?.drift?.numResourcesUnchecked ?? 0,
      details: [f['modified'], f['deleted']].filter((t) => t !== undefined && t.trim() !== '').join('\n'),
    });
  }

  /** The toolkit's diagnosis of a failed stack: the failing resources with their construct and source line. */
  private diagnosis(data: DiagnosisData): void {
    for (const p of data?.result?.problems ?? []) {
      const known = this.failures.find((f) => f.logicalId === p.logicalId);
      const trace = p.sourceTrace?.creationStackTrace;
      if (known !== undefined) {
        known.constructPath ??= p.sourceTrace?.constructPath;
        known.trace ??= trace;
        continue;
      }
      this.failures.push({
        stack: data.stackName ?? 'stack',
        logicalId: p.logicalId ?? '',
        type: p.resourceType ?? '',
        status: 'FAILED',
        reason: p.message ?? '',
        constructPath: p.sourceTrace?.constructPath,
        trace,
      });
    }
  }
}
