import * as core from '@actions/core';
import { GithubDeployments, runUrl, type DeploymentState } from './deployments';
import { messageOf } from '../runner/describe-error';

/**
 * A GitHub deployment a run reports to (`in_progress`, then `success` or `failure`). Every failure of GitHub's
 * API is a warning, never the run's: a deploy does not fail because GitHub is slow.
 */
export class GithubStatus {
  private constructor(
    private readonly api: GithubDeployments,
    readonly id: number,
    readonly environment: string,
  ) {}

  /** Creates the deployment and marks it in progress; `undefined` (with a warning) when GitHub refuses. */
  static async start(options: {
    token: string;
    environment: string;
    description: string;
    payload: Record<string, unknown>;
    /** GitHub's `task` of the deployment (default `deploy`). */
    task?: string;
  }): Promise<GithubStatus | undefined> {
    const { environment, description } = options;
    try {
      const api = new GithubDeployments({ token: options.token });
      const ref = process.env['GITHUB_SHA'] ?? process.env['GITHUB_REF'] ?? 'HEAD';
      const id = await api.create({
        ref,
        environment,
        description,
        payload: options.payload,
        ...(options.task !== undefined ? { task: options.task } : {}),
      });
      const status = new GithubStatus(api, id, environment);
      await status.set('in_progress', description);
      core.info(`GitHub deployment ${id} to environment ${environment}: in progress.`);
      return status;
    } catch (err) {
      core.warning(`Could not create a GitHub deployment for ${environment}: ${messageOf(err)}`);
      return undefined;
    }
  }

  /** The deployment an earlier step (main, for the post step) created. */
  static resume(token: string, id: number, environment: string): GithubStatus | undefined {
    try {
      return new GithubStatus(new GithubDeployments({ token }), id, environment);
    } catch (err) {
      core.warning(`Cannot report to GitHub deployment ${id}: ${messageOf(err)}`);
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
      core.warning(`Could not set GitHub deployment ${this.id} to ${state}: ${messageOf(err)}`);
    }
  }
}
