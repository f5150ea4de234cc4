import { packageBuild } from '../../tooling/presets/tsup.preset.js';

// dist/web is Vite's output (the web app): cleaning the server build must leave it alone.
export default packageBuild({ entry: ['src/index.ts'], clean: ['!web/**'] });
