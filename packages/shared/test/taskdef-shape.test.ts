import { ConfigurationError } from '../src';
import { parseTaskDefinition, renderTaskDefinition } from '../src/taskdef';
import { githubExpressionPaths, taskDefinitionShapeProblems } from '../src/taskdef/shape';

const base = {
  family: 'api',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'api', image: 'nginx:1.27', essential: true, memory: 512 }],
};

/** The error parseTaskDefinition throws for a document, as text. */
function refusal(doc: unknown): ConfigurationError {
  try {
    parseTaskDefinition(JSON.stringify(doc), { file: 'td.json' });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    return err as ConfigurationError;
  }
  throw new Error('the document was accepted');
}

describe('the shape of a task-definition file', () => {
  it('accepts what RegisterTaskDefinition takes, YAML numbers in environment values included', () => {
    expect(taskDefinitionShapeProblems(base)).toEqual([]);
    const env = {
      ...base,
      containerDefinitions: [{ ...base.containerDefinitions[0], environment: [{ name: 'N', value: 5 }] }],
    };
    expect(taskDefinitionShapeProblems(env)).toEqual([]);
    expect(taskDefinitionShapeProblems({ ...base, cpu: '0.25 vCPU', memory: '1GB' })).toEqual([]);
  });

  it.each([
    [{ essential: 'yes' }, 'containerDefinitions[0].essential must be true or false, not "yes"'],
    [{ memory: 'lots' }, 'containerDefinitions[0].memory must be a whole number, not "lots"'],
    [{ cpu: 0.5 }, 'containerDefinitions[0].cpu must be a whole number, not 0.5'],
    [
      { portMappings: [{ containerPort: '80' }] },
      'containerDefinitions[0].portMappings[0].containerPort must be a whole number, not "80"',
    ],
    [{ command: 'npm start' }, 'containerDefinitions[0].command must be a list, not "npm start"'],
    [{ healthCheck: ['CMD', 'true'] }, 'containerDefinitions[0].healthCheck must be an object, not a list'],
    [
      { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 7 } } },
      'containerDefinitions[0].logConfiguration.options.awslogs-group must be a string, not 7',
    ],
    [{ memory: '{{ memory }}' }, 'containerDefinitions[0].memory must be a whole number, not "{{ memory }}"'],
  ])('refuses a container field of the wrong type, naming its path: %j', (field, problem) => {
    const doc = { ...base, containerDefinitions: [{ ...base.containerDefinitions[0], ...field }] };
    expect(taskDefinitionShapeProblems(doc)).toEqual([problem]);
    const err = refusal(doc);
    expect(err.input).toBe('task-definition');
    expect(err.message).toBe(
      `The task definition in td.json (input "task-definition") is not usable: ${problem}.`,
    );
  });

  it.each([
    [{ memory: 'lots' }, 'memory must be MiB (like "512") or GB (like "1GB"), not "lots"'],
    [{ cpu: 'fast' }, 'cpu must be CPU units (like "256") or vCPUs (like "0.25 vCPU"), not "fast"'],
    [{ memory: 0.5 }, 'memory must be MiB (like "512") or GB (like "1GB"), not "0.5"'],
    [{ memory: true }, 'memory must be a string, not true'],
    [{ requiresCompatibilities: 'FARGATE' }, 'requiresCompatibilities must be a list, not "FARGATE"'],
    [
      { ephemeralStorage: { sizeInGiB: '21' } },
      'ephemeralStorage.sizeInGiB must be a whole number, not "21"',
    ],
  ])('refuses a task field of the wrong type or form: %j', (field, problem) => {
    expect(taskDefinitionShapeProblems({ ...base, ...field })).toEqual([problem]);
    expect(refusal({ ...base, ...field }).message).toContain(problem);
  });

  it('names at most five problems, and cuts a long value', () => {
    const containers = Array.from({ length: 8 }, (_, i) => ({
      name: `c${i}`,
      image: 'x',
      essential: 'x'.repeat(100),
    }));
    const problems = taskDefinitionShapeProblems({ ...base, containerDefinitions: containers });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe(
      `containerDefinitions[0].essential must be true or false, not "${'x'.repeat(36)}…"`,
    );
  });

  it('takes the task cpu and memory as YAML numbers, and registers them as strings', () => {
    const doc = parseTaskDefinition(
      'family: api\ncpu: 256\nmemory: 512\ncontainerDefinitions: [{ name: api, image: x }]\n',
    );
    expect(renderTaskDefinition(doc)).toMatchObject({ cpu: '256', memory: '512' });
  });

  it('checks a placeholder in the task cpu or memory once it is rendered', () => {
    const doc = parseTaskDefinition(JSON.stringify({ ...base, memory: '{{ memory }}' }), { file: 'td.json' });
    expect(renderTaskDefinition(doc, { vars: { memory: '1GB' } }).memory).toBe('1GB');
    expect(() => renderTaskDefinition(doc, { vars: { memory: 'lots' } })).toThrow(
      'The task definition (input "task-definition") is not usable once rendered: memory must be MiB (like "512") or GB (like "1GB"), not "lots".',
    );
  });
});

describe('a GitHub expression in a task-definition file', () => {
  it('is refused when the file is read, naming where it is', () => {
    const doc = {
      ...base,
      containerDefinitions: [{ ...base.containerDefinitions[0], image: 'repo:${{ github.sha }}' }],
    };
    expect(githubExpressionPaths(doc)).toEqual(['containerDefinitions[0].image']);
    const err = refusal(doc);
    expect(err.input).toBe('task-definition');
    expect(err.message).toContain(
      'containerDefinitions[0].image holds a GitHub expression, ${{ … }}, which GitHub never expands in a file',
    );
  });

  it('is not one when escaped as a literal {{', () => {
    expect(githubExpressionPaths({ a: '${{{{ x }}' })).toEqual([]);
  });
});
