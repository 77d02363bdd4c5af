import { join } from 'node:path';
import { matchCodeBlocks, typeErrors, writeExample } from '@ecs-delivery/testkit/readme-examples';

const fence = (lang: string, ...lines: string[]): string => ['```' + lang, ...lines, '```'].join('\n');

describe('matchCodeBlocks', () => {
  const handlers = [{ match: 'runAction(' }, { match: 'startSim(' }];

  test.each([
    [
      'a block no handler runs',
      [fence('ts', 'runAction(x)'), fence('ts', 'startSim()'), fence('sh', 'npm test')].join('\n'),
      ['README.md:7 (sh): no test runs this block, and no skip marker says why'],
    ],
    [
      'a block two handlers match',
      fence('ts', 'startSim(); runAction(x)'),
      [
        'README.md:1 (ts): 2 handlers match this block',
        'the handler for "runAction(" matches 0 blocks of README.md, not one',
        'the handler for "startSim(" matches 0 blocks of README.md, not one',
      ],
    ],
    [
      'a handler for a block that is gone, and one that matches twice',
      [fence('ts', 'runAction(a)'), fence('ts', 'runAction(b)')].join('\n'),
      [
        'the handler for "runAction(" matches 2 blocks of README.md, not one',
        'the handler for "startSim(" matches 0 blocks of README.md, not one',
      ],
    ],
    [
      'a skip marker without a reason',
      [
        '<!-- readme-examples: skip -->',
        fence('', 'Error: …'),
        fence('ts', 'runAction(x)', 'startSim()'),
      ].join('\n'),
      [
        'README.md:2 (no language): a skip marker reads `<!-- readme-examples: skip (why) -->`',
        'README.md:5 (ts): 2 handlers match this block',
        'the handler for "runAction(" matches 0 blocks of README.md, not one',
        'the handler for "startSim(" matches 0 blocks of README.md, not one',
      ],
    ],
  ])('%s is a problem', (_case, markdown, problems) => {
    expect(matchCodeBlocks('README.md', markdown, handlers).problems).toEqual(problems);
  });

  test('pairs each block with its handler and keeps the reason of a skipped one', () => {
    const markdown = [
      fence('ts', 'startSim()'),
      '<!-- readme-examples: skip (a transcript of an error) -->',
      fence('', 'Error: refused'),
      fence('ts', 'runAction(x)'),
    ].join('\n');
    const matched = matchCodeBlocks('README.md', markdown, handlers);
    expect(matched.problems).toEqual([]);
    expect(matched.skipped).toEqual([
      { where: 'README.md:5 (no language)', reason: 'a transcript of an error' },
    ]);
    expect(matched.runs.map((r) => [r.where, r.handler.match])).toEqual([
      ['README.md:1 (ts)', 'startSim('],
      ['README.md:8 (ts)', 'runAction('],
    ]);
  });
});

test('typeErrors reports what strict TypeScript refuses in an example, by line', async () => {
  const example = writeExample(
    join(__dirname, '..'),
    'example.ts',
    ["import { uriOf } from '@ecs-delivery/testkit';", 'export const uri: number = uriOf;', ''].join('\n'),
  );
  try {
    const errors = await typeErrors([example.file]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^packages\/testkit\/\.tmp\/readme-\w+\/example\.ts:2:14: Type '.*' is not assignable to type 'number'\./,
    );
  } finally {
    example.remove();
  }
});
