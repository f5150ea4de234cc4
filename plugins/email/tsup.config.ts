import { packageBuild } from '../../tooling/presets/tsup.preset.js';

export default packageBuild();
