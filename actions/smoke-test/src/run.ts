import * as core from '@actions/core';
import {
  type ActionContext,
  type Clock,
  formatDuration,
  type Sleep,
  writeSummary,
} from '@ecs-delivery/shared';
import {
  type HttpSender,
  runSmokeChecks,
  smokeFailureMessage,
  smokeLogLines,
  type SmokeReport,
  smokeSummary,
} from '@ecs-delivery/shared/smoke';
import type { Inputs } from './inputs';
import { describeCheck, progressPrinter, setOutputs } from './report';

/** What run() reaches outside itself, injectable for tests. */
export interface RunDeps {
  send?: HttpSender;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  print?: (line: string) => void;
}

function plan(inputs: Inputs): void {
  const added = new Set(inputs.addedVersionChecks);
  for (const check of inputs.checks) {
    const note = added.has(check.name) ? ' (added by expect-version)' : '';
    core.info(`${describeCheck(check, inputs.secrets)}${note}`);
  }
  const interval = formatDuration(inputs.intervalMs);
  core.info(
    `Each check needs ${inputs.healthyFor} pass(es) in a row within ${formatDuration(inputs.timeoutMs)}, ` +
      `${interval} apart (backing off from ${interval} after a failure).`,
  );
}

/**
 * The action: run every check at once, then the log lines, outputs and the job summary; fail on any failure. It
 * makes no AWS call; a cancel stops every wait and request at once and fails the step with no outputs.
 */
export async function run(inputs: Inputs, context: ActionContext, deps: RunDeps = {}): Promise<SmokeReport> {
  await core.group(`${inputs.checks.length} smoke check(s) from "${inputs.source}"`, async () => {
    plan(inputs);
  });
  if (inputs.warmUpMs > 0) core.info(`Warming up: waiting ${formatDuration(inputs.warmUpMs)} first.`);
  const report = await runSmokeChecks(inputs.checks, {
    timeoutMs: inputs.timeoutMs,
    healthyFor: inputs.healthyFor,
    intervalMs: inputs.intervalMs,
    warmUpMs: inputs.warmUpMs,
    requestTimeoutMs: inputs.requestTimeoutMs,
    secretHeaders: inputs.secretHeaders,
    secrets: inputs.secrets,
    signal: context.signal,
    onAttempt: progressPrinter(inputs.healthyFor, {
      secrets: inputs.secrets,
      ...(deps.print ? { print: deps.print } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
    }),
    ...(deps.send ? { send: deps.send } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  });

  // A cancel that came as the last check passed still fails the run: nothing is reported passed after it.
  context.signal.throwIfAborted();
  for (const line of smokeLogLines(report)) core.info(line);
  setOutputs(report);
  await writeSummary(smokeSummary(report));
  if (!report.passed) {
    core.error(smokeFailureMessage(report), { title: 'Smoke test failed' });
    process.exitCode = core.ExitCode.Failure;
  } else {
    core.info(`Smoke test passed: ${report.checks.length} check(s) healthy.`);
  }
  return report;
}
