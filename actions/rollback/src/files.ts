// What the inputs are read with when they name a file or hold YAML: a bundle of its own (dist/files.js), so the
// YAML library and the manifest's schema validator load only when an input needs them, not at every start.
export { loadManifest, resolveEnvironment } from '@ecs-delivery/shared/manifest';
