import { AwsError } from '../core/errors';
import type { CallContext } from '../core/simulator';
import { exportsOf, type Stack, type StackSpec } from './model';
import { checkRules, resolveParameters, type ParameterInput } from './parameters';
import type { QueryInput } from './request';
import { scopeOf } from './scope';
import { checkCapabilities, checkReferences, parseTemplate } from './template';
import { templateText } from './template-source';

/** The Fn::ImportValue names a template gives as plain text. */
function importsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) importsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Fn::ImportValue' && typeof v === 'string') out.push(v);
      else importsIn(v, out);
    }
  }
  return out;
}

/**
 * What a CreateStack, UpdateStack or CreateChangeSet asks for, checked as CloudFormation checks it before it
 * answers: the template's format and references, parameter values (SSM types read now), capabilities, Rules and
 * the exports it imports.
 */
export function prepareSpec(
  ctx: CallContext,
  input: QueryInput,
  stackName: string,
  stackId: string,
  stack?: Stack,
): StackSpec {
  const live = stack && stack.status !== 'REVIEW_IN_PROGRESS' ? stack : undefined;
  const templateBody = templateText(ctx.sim, input, live?.templateBody);
  const template = parseTemplate(templateBody);
  checkReferences(template);
  const given: ParameterInput[] = input.objects('Parameters').map((p) => {
    const key = p['ParameterKey'];
    if (typeof key !== 'string') throw new AwsError('ValidationError', 'ParameterKey must be specified.');
    const value = p['ParameterValue'];
    return {
      key,
      ...(typeof value === 'string' ? { value } : {}),
      usePreviousValue: p['UsePreviousValue'] === 'true',
    };
  });
  const parameters = resolveParameters(ctx.sim, ctx.account, ctx.region, template, given, live?.parameters);
  const capabilities = input.strings('Capabilities');
  checkCapabilities(template, capabilities);
  const who = { sim: ctx.sim, account: ctx.account, region: ctx.region, stackName, stackId };
  checkRules(scopeOf(who, { template, parameters }, { ref: () => undefined, attribute: () => undefined }));
  const exported = exportsOf(ctx.sim, ctx.account, ctx.region);
  for (const name of importsIn(template.Resources)) {
    if (!exported.has(name)) throw new AwsError('ValidationError', `No export named ${name} found.`);
  }
  const tags =
    input.raw['Tags'] !== undefined
      ? input.objects('Tags').map((t) => ({ Key: String(t['Key']), Value: String(t['Value'] ?? '') }))
      : (live?.tags ?? []);
  const roleArn = input.str('RoleARN') ?? live?.roleArn;
  return {
    template,
    templateBody,
    parameters,
    capabilities,
    tags,
    ...(template.Description !== undefined ? { description: String(template.Description) } : {}),
    ...(roleArn !== undefined ? { roleArn } : {}),
  };
}
