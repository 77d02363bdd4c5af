import type { ManifestSource } from './source';
import type { Manifest } from './types';

/** A manifest read from a file: the document, where it came from, and how to point at its lines. */
export interface LoadedManifest {
  manifest: Manifest;
  /** The manifest file, as given. */
  file: string;
  /** The directory relative task-definition paths are resolved against (the file's directory). */
  baseDir: string;
  source: ManifestSource;
}

/** A container's image: the manifest's image name and its ECR repository name. */
export interface ContainerImage {
  image: string;
  repository: string;
}

/** Migrations to run as a one-off task before the service is updated. */
export interface MigrationSpec {
  command: string[];
  /** The container to run the command in (default: the action's choice, the first essential container). */
  container?: string;
  timeoutMs?: number;
}

/** An HTTP smoke check, with defaults filled in (the smoke-test action reads these). */
export interface ServiceSmokeCheck {
  name: string;
  type: 'http';
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Accepted status codes (default `[200]`). */
  expectStatus: number[];
  expectBody?: string;
  timeoutMs?: number;
  retries?: number;
  intervalMs?: number;
}

/** Everything needed to deploy one service to one environment, templates rendered. */
export interface ServiceDeploySpec {
  /** The service's name in the manifest. */
  name: string;
  environment: string;
  /** 1-based wave number in this run's plan (after a `services` filter drops empty waves). */
  wave: number;
  cluster: string;
  /** The ECS service name. */
  service: string;
  region: string;
  accountId?: string;
  roleToAssume?: string;
  /** Absolute path of the task-definition template; absent: start from the service's live definition. */
  taskDefinitionFile?: string;
  /** Container name → image. */
  images: Record<string, ContainerImage>;
  /** For `renderTaskDefinition`'s `environment` (keys may be `container:NAME`). */
  environmentVariables: Record<string, string>;
  /** For `renderTaskDefinition`'s `secrets`: references, never values. */
  secrets: Record<string, string>;
  /** For the task definition's placeholders: built-ins, environment vars, service vars. */
  vars: Record<string, string>;
  migrations?: MigrationSpec;
  smoke: ServiceSmokeCheck[];
  desiredCount?: number;
  timeoutMs?: number;
}

/** One environment, resolved: where it is and its services in waves (each wave deploys in parallel). */
export interface ResolvedEnvironment {
  name: string;
  region: string;
  accountId?: string;
  roleToAssume?: string;
  /** The GitHub environment for deployment statuses (default: the environment's name). */
  githubEnvironment: string;
  /** The environment's URL (`url`, rendered), for its GitHub deployments. */
  url?: string;
  /** The environment before this one in the promotion order, whose digests this one receives. */
  previous?: string;
  waves: ServiceDeploySpec[][];
}
