/** The parts of an ARN of an account: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
  partition: string;
  service: string;
  /** Empty for a global service (IAM). */
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):(.+)$/;

/** The parts of `text` when it is an ARN naming a 12-digit account; undefined for anything else. */
export function arnParts(text: string): ArnParts | undefined {
  const m = ARN.exec(text);
  return m === null
    ? undefined
    : { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}
