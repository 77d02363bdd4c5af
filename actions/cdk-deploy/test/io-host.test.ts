import type { IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { ActionIoHost, type Log } from '../src/io-host';

/** The IoHost turns toolkit messages into log groups, progress lines and annotations, and answers questions. */
function recorder(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (l) => lines.push(l),
    debug: (l) => lines.push(`debug: ${l}`),
    warning: (m, title) => lines.push(`warning${title === undefined ? '' : ` [${title}]`}: ${m}`),
    startGroup: (n) => lines.push(`group: ${n}`),
    endGroup: () => lines.push('endgroup'),
  };
}

const msg = (
  code: string,
  level: IoMessage<unknown>['level'],
  message: string,
  data: unknown = {},
): IoMessage<unknown> =>
  ({ time: new Date(0), level, action: 'deploy', code, message, data }) as IoMessage<unknown>;

function event(status: string, logicalId: string, extra: Record<string, unknown> = {}): unknown {
  return {
    deployment: 'd',
    event: {
      StackName: 'ShopInfra',
      LogicalResourceId: logicalId,
      ResourceType: 'AWS::SSM::Parameter',
      ResourceStatus: status,
      ...extra,
    },
    metadata: {
      constructPath: 'FailMe',
      entry: {
        type: 'aws:cdk:logicalId',
        data: logicalId,
        trace: [
          'new StringParameter (node_modules/aws-cdk-lib/x.js:1:1)',
          'Object.<anonymous> (/app/app.js:75:3)',
        ],
      },
    },
    progress: { completed: 1, total: 5, formatted: '1/5' },
  };
}

describe('messages', () => {
  it('groups a stack deployment, prints each resource event and keeps failures with their construct and trace', async () => {
    const log = recorder();
    const host = new ActionIoHost({ approveBroadening: false, log });
    await host.notify(msg('CDK_TOOLKIT_I5501', 'info', 'start', { stackName: 'ShopInfra' }));
    await host.notify(
      msg(
        'CDK_TOOLKIT_I5502',
        'info',
        'e',
        event('CREATE_FAILED', 'FailMe1', { ResourceStatusReason: 'Parameter limit exceeded' }),
      ),
    );
    await host.notify(
      msg(
        'CDK_TOOLKIT_I5502',
        'info',
        'e',
        event('UPDATE_FAILED', 'Other', { ResourceStatusReason: 'Resource update cancelled' }),
      ),
    );
    await host.notify(
      msg('CDK_TOOLKIT_I5502', 'info', 'e', {
        event: {
          StackName: 'ShopInfra',
          LogicalResourceId: 'ShopInfra',
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'UPDATE_ROLLBACK_COMPLETE',
        },
      }),
    );
    await host.notify(msg('CDK_TOOLKIT_I5503', 'info', 'Stopped monitoring ShopInfra'));
    host.dispose();
    expect(log.lines).toEqual([
      'group: Deploy ShopInfra',
      '[1/5] CREATE_FAILED AWS::SSM::Parameter FailMe1 (ShopInfra/FailMe) — Parameter limit exceeded',
      '[1/5] UPDATE_FAILED AWS::SSM::Parameter Other (ShopInfra/FailMe) — Resource update cancelled',
      'UPDATE_ROLLBACK_COMPLETE AWS::CloudFormation::Stack ShopInfra',
      'Stopped monitoring ShopInfra',
      'endgroup',
    ]);
    // A resource cancelled because another failed is not a cause.
    expect(host.failures).toEqual([
      {
        stack: 'ShopInfra',
        logicalId: 'FailMe1',
        type: 'AWS::SSM::Parameter',
        status: 'CREATE_FAILED',
        reason: 'Parameter limit exceeded',
        constructPath: 'ShopInfra/FailMe',
        trace: [
          'new StringParameter (node_modules/aws-cdk-lib/x.js:1:1)',
          'Object.<anonymous> (/app/app.js:75:3)',
        ],
      },
    ]);
    expect(host.finalStatus.get('ShopInfra')).toBe('UPDATE_ROLLBACK_COMPLETE');
  });

  it('maps levels: debug and SDK traces to debug, warnings and the app’s findings to annotations, the rest to the log', async () => {
    const log = recorder();
    const host = new ActionIoHost({ approveBroadening: false, log });
    await host.notify(msg('CDK_SDK_I0100', 'trace', 'STS.AssumeRole'));
    await host.notify(msg('CDK_TOOLKIT_I0000', 'debug', 'Reading template'));
    await host.notify(msg('CDK_TOOLKIT_W5021', 'warn', 'Empty stack'));
    await host.notify(
      msg('CDK_TOOLKIT_I5901', 'info', '\u001b[32mOutputs:\nShopInfra.ServiceName = web\u001b[39m'),
    );
    await host.notify(
      msg('CDK_TOOLKIT_E9600', 'info', 'report', {
        pluginReports: [
          {
            violations: [
              {
                description: 'No routeTableId',
                severity: 'warning',
                violatingConstructs: [{ constructPath: 'ShopInfra/Vpc/PublicSubnet1' }],
              },
            ],
          },
        ],
      }),
    );
    await host.notify(msg('CDK_ASSEMBLY_W9999', 'warn', 'deprecated API', { id: 'ShopInfra/Task' }));
    await host.notify(
      msg('CDK_TOOLKIT_I5900', 'result', 'done', {
        stackArn: 'arn:s',
        noOp: true,
        outputs: { ServiceName: 'web' },
      }),
    );
    expect(log.lines).toEqual([
      'debug: STS.AssumeRole',
      'debug: Reading template',
      'warning: Empty stack',
      'Outputs:',
      'ShopInfra.ServiceName = web',
      'warning [CDK: ShopInfra/Vpc/PublicSubnet1]: No routeTableId',
      'report',
      'warning [CDK warning: ShopInfra/Task]: deprecated API',
      'No changes: nothing was executed.',
    ]);
    expect(host.deployed.get('arn:s')).toEqual({
      stackArn: 'arn:s',
      noOp: true,
      outputs: { ServiceName: 'web' },
    });
  });

  it('prints a progress line when a deployment is quiet for long', async () => {
    jest.useFakeTimers();
    try {
      let now = 0;
      const log = recorder();
      const host = new ActionIoHost({ approveBroadening: false, log, heartbeatMs: 30_000, now: () => now });
      await host.notify(msg('CDK_TOOLKIT_I5501', 'info', 'start', { stackName: 'ShopInfra' }));
      await host.notify(msg('CDK_TOOLKIT_I5502', 'info', 'e', event('CREATE_IN_PROGRESS', 'Service')));
      now = 95_000;
      jest.advanceTimersByTime(90_000);
      host.dispose();
      expect(log.lines.filter((l) => l.includes('still deploying'))).toEqual([
        'ShopInfra: still deploying, 1/5 resources done (1m35s so far)',
        'ShopInfra: still deploying, 1/5 resources done (1m35s so far)',
        'ShopInfra: still deploying, 1/5 resources done (1m35s so far)',
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('questions', () => {
  const confirm = (permissionChangeType: string): IoRequest<unknown, boolean> =>
    ({
      ...msg('CDK_TOOLKIT_I5060', 'info', 'Do you wish to deploy these changes?', {
        permissionChangeType,
        templateDiffs: { ShopInfra: fullDiff({}, { Resources: { Q: { Type: 'AWS::SQS::Queue' } } }) },
      }),
      defaultResponse: true,
    }) as IoRequest<unknown, boolean>;

  it('answers the deploy confirmation with the security gate', async () => {
    const log = recorder();
    const refusing = new ActionIoHost({ approveBroadening: false, log });
    expect(await refusing.requestResponse(confirm('broadening'))).toBe(false);
    expect(await refusing.requestResponse(confirm('non-broadening'))).toBe(true);
    expect(
      await new ActionIoHost({ approveBroadening: true, log }).requestResponse(confirm('broadening')),
    ).toBe(true);
    expect(refusing.decisions.map((d) => d.approve)).toEqual([false, true]);
    expect(log.lines[0]).toMatch(/^Security gate: REFUSED/);
  });

  it('answers any other question with the toolkit’s default', async () => {
    const host = new ActionIoHost({ approveBroadening: false, log: recorder() });
    const question = {
      ...msg('CDK_TOOLKIT_I5050', 'info', 'Roll back first?'),
      defaultResponse: true,
    } as IoRequest<unknown, boolean>;
    expect(await host.requestResponse(question)).toBe(true);
  });
});
