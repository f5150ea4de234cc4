import { packageTests } from '../../tooling/presets/vitest.preset.js';

export default packageTests();
