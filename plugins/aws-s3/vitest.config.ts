import { packageTests } from '../../tooling/presets/vitest.preset.js';

// s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers
// through its legacy provider; without it every paged listing answers InternalError.
export default packageTests({ test: { execArgv: ['--openssl-legacy-provider'] } });
