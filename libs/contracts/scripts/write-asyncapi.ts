// Rewrites asyncapi/loyalty-events.yaml from the contract classes.
// Run: npx nx run contracts:asyncapi
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsyncApiYaml } from '../src/asyncapi/asyncapi-document';

const target = join(__dirname, '..', 'asyncapi', 'loyalty-events.yaml');
writeFileSync(target, renderAsyncApiYaml());
console.log(`wrote ${target}`);
