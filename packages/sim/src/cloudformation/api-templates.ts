import type { ActionHandler, CallContext } from '../core/simulator';
import { cfnState, findStack } from './model';
import { QueryInput, stackMissing, validationError } from './request';
import { parseTemplate, requiredCapabilities, type Template } from './template';
import { templateText } from './template-source';

const getTemplate: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const name = input.str('StackName');
  const changeSetName = input.str('ChangeSetName');
  const stage = input.str('TemplateStage') ?? 'Original';
  if (stage !== 'Original' && stage !== 'Processed') {
    input.invalid('TemplateStage', stage, 'Member must satisfy enum value set: [Original, Processed]');
  }
  if (name === undefined && changeSetName === undefined) {
    throw validationError('Either StackName or ChangeSetName must be specified.');
  }
  const stack = name !== undefined ? findStack(ctx.sim, ctx.account, ctx.region, name) : undefined;
  if (name !== undefined && !stack) throw stackMissing(name);
  // A stack a CREATE change set made has no template until the change set runs: CloudFormation treats it as a
  // stack that does not exist yet, so what it would be is only the change set's.
  let body = stack?.status === 'REVIEW_IN_PROGRESS' ? undefined : stack?.templateBody;
  if (changeSetName !== undefined) {
    const cs = [...cfnState(ctx.sim).changeSets.values()].find(
      (c) =>
        c.id === changeSetName || (stack !== undefined && c.stackId === stack.id && c.name === changeSetName),
    );
    if (!cs) throw validationError(`ChangeSet [${changeSetName}] does not exist`);
    body = cs.templateBody;
  }
  const processed = stage === 'Processed' && body !== undefined ? JSON.stringify(parseTemplate(body)) : body;
  return { TemplateBody: processed ?? '{}', StagesAvailable: ['Original', 'Processed'] };
};

function parametersOf(template: Template): Record<string, unknown>[] {
  return Object.entries(template.Parameters ?? {}).map(([key, p]) => ({
    ParameterKey: key,
    DefaultValue:
      p.Default === undefined
        ? undefined
        : Array.isArray(p.Default)
          ? p.Default.join(',')
          : String(p.Default),
    ParameterType: p.Type,
    NoEcho: p.NoEcho === true || p.NoEcho === 'true',
    Description: p.Description,
    ParameterConstraints: { AllowedValues: (p.AllowedValues ?? []).map(String) },
  }));
}

/** The template a summary or validation reads: TemplateBody, TemplateURL or a stack's. */
function templateOf(ctx: CallContext, input: QueryInput): Template {
  const name = input.str('StackName');
  if (
    name !== undefined &&
    input.str('TemplateBody') === undefined &&
    input.str('TemplateURL') === undefined
  ) {
    const stack = findStack(ctx.sim, ctx.account, ctx.region, name);
    if (!stack) throw stackMissing(name);
    return stack.template;
  }
  return parseTemplate(templateText(ctx.sim, input));
}

function declaredTransforms(template: Template): string[] {
  if (template.Transform === undefined) return [];
  return (Array.isArray(template.Transform) ? template.Transform : [template.Transform]).map(String);
}

const getTemplateSummary: ActionHandler = (ctx, raw) => {
  const template = templateOf(ctx, new QueryInput(raw));
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    Parameters: parametersOf(template),
    Description: template.Description,
    Capabilities: capabilities,
    CapabilitiesReason: reason,
    ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
    Version: template.AWSTemplateFormatVersion,
    Metadata: template.Metadata === undefined ? undefined : JSON.stringify(template.Metadata),
    DeclaredTransforms: declaredTransforms(template),
  };
};

const validateTemplate: ActionHandler = (ctx, raw) => {
  const input = new QueryInput(raw);
  const template = parseTemplate(templateText(ctx.sim, input));
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    Parameters: parametersOf(template).map((p) => ({
      ParameterKey: p['ParameterKey'],
      DefaultValue: p['DefaultValue'],
      NoEcho: p['NoEcho'],
      Description: p['Description'],
    })),
    Description: template.Description,
    Capabilities: capabilities,
    CapabilitiesReason: reason,
    DeclaredTransforms: declaredTransforms(template),
  };
};

export const templateActions: Record<string, ActionHandler> = {
  GetTemplate: getTemplate,
  GetTemplateSummary: getTemplateSummary,
  ValidateTemplate: validateTemplate,
};
