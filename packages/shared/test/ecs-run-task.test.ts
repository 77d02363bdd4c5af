import type { Task } from '@aws-sdk/client-ecs';
import { exited, judgeStoppedTask } from '../src/ecs/run-task';

const essential = new Set(['migrate', 'sidecar']);

function task(over: Partial<Task>, containers: Task['containers']): Task {
  return {
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/prod/abc',
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    startedAt: new Date(1000),
    containers,
    ...over,
  };
}

describe('exited', () => {
  it('a running task has not; a STOPPED one has', () => {
    expect(exited(task({}, [{ name: 'migrate', lastStatus: 'RUNNING' }]), essential, 'migrate')).toBe(false);
    expect(exited(task({ lastStatus: 'STOPPED' }, []), essential, 'migrate')).toBe(true);
  });

  it('a stopping task has, once its essential containers stopped and the command exited', () => {
    const stopping = (sidecar: string): Task =>
      task({ lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited' }, [
        { name: 'migrate', lastStatus: 'STOPPED', exitCode: 3 },
        { name: 'sidecar', lastStatus: sidecar },
        { name: 'logs', lastStatus: 'RUNNING' },
      ]);
    expect(exited(stopping('RUNNING'), essential, 'migrate')).toBe(false);
    expect(exited(stopping('STOPPED'), essential, 'migrate')).toBe(true);
    const verdict = judgeStoppedTask(stopping('STOPPED'), essential, 'migrate');
    expect(verdict).toMatchObject({ ok: false, exitCode: 3 });
    expect(verdict.reason).toMatch(/^The command exited 3/);
  });

  it('a task that never started is judged only once STOPPED, when ECS says why', () => {
    const pending = task({ desiredStatus: 'STOPPED', lastStatus: 'DEPROVISIONING', startedAt: undefined }, [
      { name: 'migrate', lastStatus: 'STOPPED' },
    ]);
    expect(exited(pending, essential, 'migrate')).toBe(false);
  });
});
