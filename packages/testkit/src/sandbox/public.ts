// The loopback sandbox area of @legato/testkit. Explicit export list.
export { createScaledScheduler } from './scaled-scheduler.js';
export {
  SANDBOX_LICENSE_HEADERS,
  SANDBOX_TOKEN,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from './start-sandbox.js';
export {
  type DecryptedRecord,
  type DecryptionProof,
  verifyDecryption,
} from './verify-decryption.js';
export { createVirtualClock, type VirtualClock } from './virtual-clock.js';
