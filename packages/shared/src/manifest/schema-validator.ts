import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import schema from './schema.json';

function compile(source: boolean): { ajv: Ajv2020; validate: ValidateFunction } {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    strict: true,
    code: { source },
  });
  return { ajv, validate: ajv.compile(schema) };
}

/** The validator of the manifest's JSON Schema, compiled now. */
export function compileManifestValidator(): ValidateFunction {
  return compile(false).validate;
}

/**
 * The same validator as the source of a CommonJS module (its default export), which needs only ajv's small
 * runtime helpers: scripts/bundle.mjs puts it in the actions' bundles in place of this module, so they carry
 * neither ajv's compiler nor the time it takes.
 */
export function manifestValidatorSource(): string {
  const { ajv, validate } = compile(true);
  return standaloneCode(ajv, validate);
}
