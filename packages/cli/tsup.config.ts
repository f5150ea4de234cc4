import { packageBuild } from '../../tooling/presets/tsup.preset.js';

export default packageBuild({ entry: ['src/index.ts', 'src/main.ts'] });
