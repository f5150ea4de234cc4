import { packageBuild } from '../presets/tsup.preset.js';

// Two entries: the command line, and the same commands as functions for other tools.
export default packageBuild({ entry: ['src/index.ts', 'src/cli.ts'] });
