import { applyMasks, evaluatePostIf, inputVariable, parseKeyValueFile, parseWorkflowCommands } from '../src';

describe('file commands', () => {
  it('reads name=value lines and heredocs, later entries winning', () => {
    const text = [
      'a=1',
      'b=x=y',
      'multi<<ghadelimiter_1',
      'line one',
      '',
      'line three',
      'ghadelimiter_1',
      'a=2',
      '',
    ].join('\n');
    expect(parseKeyValueFile(text)).toEqual({ a: '2', b: 'x=y', multi: 'line one\n\nline three' });
  });

  it('rejects a heredoc whose delimiter never comes, as the runner does', () => {
    expect(() => parseKeyValueFile('x<<EOF\nvalue\n', 'GITHUB_OUTPUT')).toThrow(
      'GITHUB_OUTPUT: matching delimiter "EOF" not found for "x"',
    );
  });
});

describe('workflow commands', () => {
  it('parses annotations with their properties, masks and stop-commands', () => {
    const log = [
      'plain line',
      '::error file=src/a.ts,line=12,col=3,title=Bad%2C really::broken%0Asecond line',
      '::warning::careful',
      '::add-mask::s3cr3t',
      '::stop-commands::tok',
      '::error::not a command while stopped',
      '::tok::',
      '::notice title=Done::all good',
    ].join('\n');
    const parsed = parseWorkflowCommands(log, 'main');
    expect(parsed.annotations).toEqual([
      {
        level: 'error',
        message: 'broken\nsecond line',
        file: 'src/a.ts',
        line: 12,
        col: 3,
        title: 'Bad, really',
        step: 'main',
      },
      { level: 'warning', message: 'careful', step: 'main' },
      { level: 'notice', message: 'all good', title: 'Done', step: 'main' },
    ]);
    expect(parsed.masks).toEqual(['s3cr3t']);
    expect(applyMasks('key s3cr3t here', parsed.masks)).toBe('key *** here');
  });

  it('names inputs like the runner', () => {
    expect(inputVariable('task-definition')).toBe('INPUT_TASK-DEFINITION');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });
});

describe('post-if', () => {
  const ok = { failed: false, cancelled: false };
  const failed = { failed: true, cancelled: false };
  const cancelled = { failed: true, cancelled: true };
  it.each([
    ['always()', ok, true],
    ['always()', cancelled, true],
    ['success()', ok, true],
    ['success()', failed, false],
    ['failure()', failed, true],
    ['failure()', cancelled, false],
    ['cancelled()', cancelled, true],
    ['${{ success() || cancelled() }}', failed, false],
    ['success() || cancelled()', cancelled, true],
    ['!cancelled() && (failure() || success())', ok, true],
  ])('%s', (expr, status, expected) => {
    expect(evaluatePostIf(expr, status)).toBe(expected);
  });

  it('refuses expressions it cannot evaluate', () => {
    expect(() => evaluatePostIf("github.event_name == 'push'", ok)).toThrow('only always()');
  });
});
