// Kept here for tests written against the kit; the SDK owns it.
export { memoryState } from '@knotwork/sdk';
export { assertNoCanary, createCanary } from './canary.js';
export {
  type FakeOAuthEndpoint,
  type FakeOAuthProvider,
  type FakeOAuthProviderOptions,
  type FakeTokenGrant,
  type IssuedFakeTokens,
  startFakeOAuthProvider,
} from './fake-oauth-provider.js';
export { manifestSnapshot, manifestSnapshotText } from './manifest-snapshot.js';
export {
  assertAllMocksUsed,
  closeNetwork,
  nock,
  type RecordedRequest,
  recordRequests,
  useClosedNetwork,
} from './network.js';
export {
  type DeliveredRequest,
  deliverWebhook,
  hostFor,
  type NodeRun,
  pollTrigger,
  type RunOptions,
  runNode,
  testCredential,
} from './run-node.js';
