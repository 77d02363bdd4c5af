import { join } from 'node:path';
import { ConfigurationError } from '../src';
import { loadTaskDefinitionFile, parseTaskDefinition, unknownTaskDefinitionFields } from '../src/taskdef';

const fixture = (name: string): string => join(__dirname, 'fixtures', 'taskdef', name);

async function loadError(name: string): Promise<ConfigurationError> {
  const error: unknown = await loadTaskDefinitionFile(fixture(name)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

describe('loadTaskDefinitionFile', () => {
  it('reads a JSON template', async () => {
    const def = await loadTaskDefinitionFile(fixture('web-template.json'));
    expect(def.family).toBe('shop-web-{{ env }}');
    expect(def.containerDefinitions?.map((c) => c.name)).toEqual(['web', 'otel']);
  });

  it('reads YAML, keeping numbers and tags', async () => {
    const def = await loadTaskDefinitionFile(fixture('worker.yaml'));
    expect(def.cpu).toBe('0.5 vCPU');
    expect(def.tags).toEqual([{ key: 'team', value: 'platform' }]);
  });

  it('unwraps what describe-task-definition prints and keeps its tags', async () => {
    const def = await loadTaskDefinitionFile(fixture('describe-output.json'));
    expect(def.family).toBe('project-oky-ecs-api-task');
    expect(def.revision).toBe(7);
    expect(def.tags).toEqual([
      { key: 'project', value: 'oky' },
      { key: 'aws:cloudformation:stack-name', value: 'oky-prod' },
    ]);
  });

  // Syntax errors are inline: a malformed fixture file would fail the repository's format check.
  it.each([
    [
      'td.json',
      '{\n  "family": "broken",\n  "containerDefinitions": [\n    { "name": "web" "image": "x" }\n  ]\n}\n',
      'td.json:4:21: Expected \',\' or \'}\' after property value\n    { "name": "web" "image": "x" }\n                    ^',
    ],
    [
      'td.yaml',
      'family: broken\ncontainerDefinitions:\n  - name: web\n    image: x\n   essential: true\n',
      'td.yaml:5:1: Sequence item without - indicator',
    ],
  ])('points a syntax error in %s at its line and column', (file, text, expected) => {
    let error: unknown;
    try {
      parseTaskDefinition(text, { file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toContain(
      `Cannot parse the task definition (input "task-definition"): ${expected}`,
    );
    expect((error as ConfigurationError).input).toBe('task-definition');
  });

  it.each([
    ['list.json', 'it must be an object with "family" and "containerDefinitions", not a list'],
    ['no-family.json', '"family" is missing; containerDefinitions[0] has no "name"'],
  ])('refuses %s, saying what is missing', async (name, expected) => {
    const error = await loadError(name);
    expect(error.message).toContain(name);
    expect(error.message).toContain(expected);
  });

  it('names the input and the file when the file does not exist', async () => {
    const error: unknown = await loadTaskDefinitionFile('deploy/nope.json', {
      input: 'task-definition',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Input "task-definition" names the file deploy/nope.json, which cannot be read: it does not exist.',
    );
  });
});

describe('parseTaskDefinition', () => {
  it.each([
    ['"just text"', 'not a string'],
    ['family: x\ncontainerDefinitions: []', '"containerDefinitions" must be a non-empty list'],
    ['family: ""\ncontainerDefinitions: [{name: a}]', '"family" must be a non-empty string'],
    ['family: x\ncontainerDefinitions: [{name: a}]\ntags: {a: b}', '"tags" must be a list of {key, value}'],
  ])('%j is refused: %s', (text, expected) => {
    expect(() => parseTaskDefinition(text, { file: 'td.yml', input: 'task-definition' })).toThrow(expected);
  });

  it("gives the JSON parser's message for a JSON mistake, with line and column", () => {
    expect(() => parseTaskDefinition('{\n  "family": "x",\n}', { file: 'td.json' })).toThrow(
      'Cannot parse the task definition (input "task-definition"): td.json:3:1: Expected double-quoted property name\n}\n^',
    );
  });

  it('lists top-level fields RegisterTaskDefinition does not know', () => {
    const def = parseTaskDefinition(
      'family: x\nmemmory: "512"\ncontainerDefinitions: [{name: a}]\nrevision: 3',
    );
    expect(unknownTaskDefinitionFields(def)).toEqual(['memmory']);
  });

  it('refuses duplicate keys, with their position', () => {
    expect(() =>
      parseTaskDefinition('family: a\nfamily: b\ncontainerDefinitions: [{name: a}]', { file: 'td.yml' }),
    ).toThrow(/td\.yml:2:1: Map keys must be unique/);
  });
});
