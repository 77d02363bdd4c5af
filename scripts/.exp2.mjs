import { bundleAll } from './bundle.mjs';
await bundleAll('/tmp/exp/out', ['actions/rollback/', 'actions/cdk-deploy/src/main']);
