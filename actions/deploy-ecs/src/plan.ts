// Types only: nothing here loads the AWS SDK.
import type { RenderInputNames, TaskDefinitionDocument } from '@ecs-delivery/shared/taskdef';

/** The image a container gets: a full reference, or a tag / digest in the repository of a manifest image. */
export type ImageChoice =
  | { kind: 'ref'; ref: string; input: string }
  | {
      kind: 'repository';
      /** The ECR repository name from the manifest. */
      repository: string;
      tag?: string;
      digest?: string;
      /** The manifest's image name. */
      imageName: string;
      input: string;
    };

/** One service to deploy, as the inputs (or the manifest) describe it: nothing read from AWS yet. */
export interface ServicePlan {
  /** How logs and the summary name it: the manifest's service name, else the ECS service name. */
  label: string;
  cluster: string;
  service: string;
  wave: number;
  /** The task-definition file; without it the deploy starts from the service's live definition. */
  taskDefinitionFile?: string;
  taskDefinition?: TaskDefinitionDocument;
  /** Container name → its new image. */
  images: Record<string, ImageChoice>;
  environment: Record<string, string>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  migration?: { command: string[]; container?: string; timeoutMs: number };
  desiredCount?: number;
  /** How long the deployment may take once UpdateService started it. */
  timeoutMs: number;
  /** The inputs each setting came from, for messages. */
  inputs: Required<RenderInputNames>;
}
