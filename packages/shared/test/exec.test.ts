import { CommandError, runCommand } from '../src/exec';
import { captureStdout, type Captured } from './helpers/capture';

const NODE = process.execPath;
let out: Captured;

beforeEach(() => {
  out = captureStdout();
});

afterEach(() => {
  out.restore();
});

describe('runCommand', () => {
  it('passes stdin, captures stdout and stderr, and prints the command line and the output', async () => {
    const script =
      'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log("got:"+s.length);console.error("to stderr")})';
    const result = await runCommand(NODE, ['-e', script], { input: 'hunter2-password' });
    expect(result).toEqual({ exitCode: 0, stdout: 'got:16\n', stderr: 'to stderr\n' });
    expect(out.text()).toContain(`[command]${NODE} -e`);
    expect(out.text()).toContain('got:16');
    expect(out.text()).not.toContain('hunter2-password');
  });

  it('adds and removes environment variables', async () => {
    process.env['EXEC_TEST_DROP'] = 'present';
    try {
      const result = await runCommand(
        NODE,
        ['-e', 'console.log(process.env.EXEC_TEST_ADD + "," + (process.env.EXEC_TEST_DROP ?? "gone"))'],
        { env: { EXEC_TEST_ADD: 'added', EXEC_TEST_DROP: undefined }, silent: true },
      );
      expect(result.stdout.trim()).toBe('added,gone');
      expect(out.text()).toBe('');
    } finally {
      delete process.env['EXEC_TEST_DROP'];
    }
  });

  it('throws a CommandError with the tail of the output, secrets redacted', async () => {
    const failing = runCommand(
      NODE,
      ['-e', 'console.error("bad password s3cr3t" + "-value"); process.exit(3)'],
      {
        silent: true,
        secrets: ['s3cr3t-value'],
      },
    );
    await expect(failing).rejects.toThrow(CommandError);
    await expect(failing).rejects.toThrow(/exited with code 3:\nbad password \*\*\*$/);
  });

  it('refuses to put a secret on the command line, before running anything', async () => {
    await expect(
      runCommand(NODE, ['-e', 'console.log(1)', '--password=pa55word'], { secrets: ['pa55word'] }),
    ).rejects.toThrow(
      `Refusing to run ${NODE}: a secret is in its arguments; pass it on stdin or in a file.`,
    );
    expect(out.text()).toBe('');
  });

  it('returns a non-zero exit with ignoreReturnCode', async () => {
    const result = await runCommand(NODE, ['-e', 'process.exit(2)'], {
      silent: true,
      ignoreReturnCode: true,
    });
    expect(result.exitCode).toBe(2);
  });
});
