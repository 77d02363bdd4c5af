import * as core from '@actions/core';
import { GithubDeployments, runUrl, type DeploymentState } from '@ecs-delivery/shared';

/**
 * A GitHub deployment this run reports to; every failure of GitHub's API is a warning, never the
 * rollback's. The same class as deploy-ecs's (it belongs in the shared package).
 */
export class GithubStatus {
  private constructor(
    private readonly api: GithubDeployments,
    readonly id: number,
    readonly environment: string,
  ) {}

  /** Creates the deployment and marks it in progress; `undefined` (with a warning) when GitHub refuses. */
  static async start(
    token: string,
    environment: string,
    description: string,
    payload: Record<string, unknown>,
  ): Promise<GithubStatus | undefined> {
    try {
      const api = new GithubDeployments({ token });
      const ref = process.env['GITHUB_SHA'] ?? process.env['GITHUB_REF'] ?? 'HEAD';
      const id = await api.create({ ref, environment, description, payload });
      const status = new GithubStatus(api, id, environment);
      await status.set('in_progress', description);
      core.info(`GitHub deployment ${id} to environment ${environment}: in progress.`);
      return status;
    } catch (err) {
      core.warning(`Could not create a GitHub deployment for ${environment}: ${(err as Error).message}`);
      return undefined;
    }
  }

  async set(state: DeploymentState, description: string): Promise<void> {
    try {
      await this.api.setStatus(this.id, state, {
        description,
        logUrl: runUrl(),
        environment: this.environment,
      });
    } catch (err) {
      core.warning(`Could not set GitHub deployment ${this.id} to ${state}: ${(err as Error).message}`);
    }
  }
}
