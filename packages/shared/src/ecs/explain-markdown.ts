import { codeBlock, escapeHtml, markdownTable } from '../summary/markdown';
import type { FailureExplanation } from './explain';

/**
 * A failure explanation for the job summary: the reason, the circuit breaker's count, the stopped tasks with
 * their containers' exit codes, the service events and the failing container's log.
 */
export function explanationMarkdown(e: FailureExplanation): string {
  const parts: string[] = [];
  if (e.reason !== undefined) parts.push(`**Reason:** ${escapeHtml(e.reason)}`);
  if (e.circuitBreaker !== undefined && e.circuitBreaker.status !== 'DISABLED') {
    parts.push(
      `**Circuit breaker:** ${e.circuitBreaker.failureCount} of ${e.circuitBreaker.threshold} failed tasks (${e.circuitBreaker.status})`,
    );
  }
  if (e.stoppedTasks.length > 0) {
    parts.push(
      `**Stopped tasks** (${e.stoppedCount} in all, newest first):\n\n` +
        markdownTable(
          ['Task', 'Stop code', 'Reason', 'Containers'],
          e.stoppedTasks.map((t) => [
            `\`${t.taskId.slice(0, 12)}\``,
            t.stopCode ?? '',
            escapeHtml(t.stoppedReason ?? ''),
            escapeHtml(
              t.containers
                .map(
                  (c) =>
                    `${c.name}: ${c.exitCode ?? '–'}${c.reason !== undefined ? ` (${c.reason})` : ''}${c.health === 'UNHEALTHY' ? ', unhealthy' : ''}`,
                )
                .join('; '),
            ),
          ]),
        ),
    );
  }
  if (e.events.length > 0)
    parts.push(`**Service events:**\n\n${e.events.map((m) => `- ${escapeHtml(m)}`).join('\n')}`);
  if (e.log !== undefined)
    parts.push(
      `**Log of ${e.log.container}** (task \`${e.log.taskId.slice(0, 12)}\`):\n\n${codeBlock(e.log.lines.join('\n'))}`,
    );
  return parts.join('\n\n');
}
