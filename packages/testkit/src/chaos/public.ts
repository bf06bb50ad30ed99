// The chaos area of @legato/testkit. Explicit export list.
export {
  CHAOS_FAULT_KINDS,
  type ChaosFaultKind,
  type ChaosPlan,
  type ChaosPlanOptions,
  planChaos,
} from './plan-chaos.js';
