/** Scan severities and the gate's thresholds: plain data, no AWS SDK (inputs validate against it). */

/** Severities from the most to the least severe, as ECR (basic and enhanced scanning) reports them. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The thresholds the scan gate takes. */
export const GATE_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM'] as const;
export type GateSeverity = (typeof GATE_SEVERITIES)[number];

export interface ScanFinding {
  /** The CVE or finding name. */
  name: string;
  severity: string;
  /** The affected package (`name version`), when the scanner says. */
  package: string | undefined;
  uri: string | undefined;
}

/** Findings at or above `threshold`, most severe first. */
export function findingsAtOrAbove(findings: readonly ScanFinding[], threshold: GateSeverity): ScanFinding[] {
  const rank = (s: string): number => {
    const i = SEVERITIES.indexOf(s.toUpperCase() as Severity);
    return i < 0 ? SEVERITIES.length : i;
  };
  const limit = rank(threshold);
  return findings
    .filter((f) => rank(f.severity) <= limit)
    .sort((a, b) => rank(a.severity) - rank(b.severity));
}
