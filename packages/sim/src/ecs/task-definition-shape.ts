import type { Shape } from '../core/json-shapes';

/** The RegisterTaskDefinition members whose JSON type ECS's model fixes (API reference, ContainerDefinition). */

const strings: Shape = { list: 'string' };
const keyValues: Shape = { list: { structure: { name: 'string', value: 'string' } } };

const containerDefinition: Shape = {
  structure: {
    name: 'string',
    image: 'string',
    cpu: 'integer',
    memory: 'integer',
    memoryReservation: 'integer',
    essential: 'boolean',
    entryPoint: strings,
    command: strings,
    links: strings,
    workingDirectory: 'string',
    user: 'string',
    hostname: 'string',
    disableNetworking: 'boolean',
    privileged: 'boolean',
    readonlyRootFilesystem: 'boolean',
    interactive: 'boolean',
    pseudoTerminal: 'boolean',
    startTimeout: 'integer',
    stopTimeout: 'integer',
    dnsServers: strings,
    dnsSearchDomains: strings,
    dockerSecurityOptions: strings,
    environment: keyValues,
    secrets: { list: { structure: { name: 'string', valueFrom: 'string' } } },
    portMappings: {
      list: {
        structure: {
          containerPort: 'integer',
          hostPort: 'integer',
          protocol: 'string',
          name: 'string',
          appProtocol: 'string',
          containerPortRange: 'string',
        },
      },
    },
    healthCheck: {
      structure: {
        command: strings,
        interval: 'integer',
        timeout: 'integer',
        retries: 'integer',
        startPeriod: 'integer',
      },
    },
    logConfiguration: {
      structure: {
        logDriver: 'string',
        options: { map: 'string' },
        secretOptions: { list: { structure: { name: 'string', valueFrom: 'string' } } },
      },
    },
    dockerLabels: { map: 'string' },
    dependsOn: { list: { structure: { containerName: 'string', condition: 'string' } } },
    mountPoints: {
      list: { structure: { sourceVolume: 'string', containerPath: 'string', readOnly: 'boolean' } },
    },
  },
};

export const registerTaskDefinitionShape: Shape = {
  structure: {
    family: 'string',
    taskRoleArn: 'string',
    executionRoleArn: 'string',
    networkMode: 'string',
    containerDefinitions: { list: containerDefinition },
    requiresCompatibilities: strings,
    cpu: 'string',
    memory: 'string',
    pidMode: 'string',
    ipcMode: 'string',
    tags: { list: { structure: { key: 'string', value: 'string' } } },
  },
};
