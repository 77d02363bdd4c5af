/**
 * The deploy manifest as written (version 1): the TypeScript shape of `schema.json`. Keys are kebab-case, as
 * in the file. {@link resolveEnvironment} turns it into camelCase deploy specs.
 */
export interface Manifest {
  $schema?: string;
  version: 1;
  name?: string;
  images?: Record<string, ManifestImage>;
  services: Record<string, ManifestService>;
  environments: Record<string, ManifestEnvironment>;
  promotion?: string[];
}

export type Scalar = string | number | boolean;

export interface ManifestImage {
  repository: string;
  description?: string;
  build?: {
    context?: string;
    dockerfile?: string;
    target?: string;
    args?: Record<string, Scalar>;
    platforms?: string[];
  };
}

export interface ManifestMigrations {
  command: string | string[];
  container?: string;
  timeout?: string | number;
}

export interface ManifestSmokeCheck {
  name?: string;
  type?: 'http';
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  headers?: Record<string, Scalar>;
  body?: string;
  'expect-status'?: number | number[];
  'expect-body'?: string;
  timeout?: string | number;
  retries?: number;
  interval?: string | number;
}

/** What a service and an environment's override of it have in common. */
interface ServiceSettings {
  'task-definition'?: string;
  service?: string;
  cluster?: string;
  environment?: Record<string, Scalar>;
  secrets?: Record<string, string>;
  vars?: Record<string, Scalar>;
  smoke?: ManifestSmokeCheck[];
  wave?: number;
  'desired-count'?: number;
  timeout?: string | number;
}

export interface ManifestService extends ServiceSettings {
  description?: string;
  containers?: Record<string, string>;
  migrations?: ManifestMigrations;
}

export interface ManifestServiceOverride extends ServiceSettings {
  enabled?: boolean;
  /** `false` turns the service's migrations off in this environment. */
  migrations?: ManifestMigrations | false;
}

export interface ManifestEnvironment {
  description?: string;
  'account-id'?: string;
  region: string;
  'role-to-assume'?: string;
  'github-environment'?: string;
  url?: string;
  cluster?: string;
  vars?: Record<string, Scalar>;
  services?: Record<string, ManifestServiceOverride>;
  rollout?: string[][];
}
