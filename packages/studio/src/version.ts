import { createRequire } from 'node:module';

// Read at run time so the session shows the installed version; src/ and the bundled
// dist/ both sit one level below the package root.
const require = createRequire(import.meta.url);

export const STUDIO_VERSION: string = (require('../package.json') as { version: string }).version;
