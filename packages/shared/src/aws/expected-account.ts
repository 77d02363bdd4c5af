import { ConfigurationError } from '../errors/configuration-error';

/** The account a run's credentials must belong to, and where that expectation comes from. */
export interface ExpectedAccount {
  /** The 12-digit account id. */
  id: string;
  /** Where it is set, for the error: `environment "prod" of the manifest`. */
  source: string;
  /** The input the error names. */
  input: string;
}

/** A manifest environment's `account-id` as the account the credentials must belong to (none: any). */
export function manifestAccount(
  environment: string | undefined,
  accountId: string | undefined,
): ExpectedAccount | undefined {
  return accountId === undefined
    ? undefined
    : { id: accountId, source: `environment "${environment ?? ''}" of the manifest`, input: 'manifest' };
}

/**
 * Refuses credentials of another account than the expected one, before any call but authentication's: a role of
 * the wrong environment must not get as far as reading, let alone changing, anything.
 */
export function refuseOtherAccount(accountId: string, expected: ExpectedAccount | undefined): void {
  if (expected === undefined || accountId === expected.id) return;
  throw new ConfigurationError(
    `The AWS credentials belong to account ${accountId}, but ${expected.source} is account ${expected.id}: check role-to-assume.`,
    { input: expected.input },
  );
}
