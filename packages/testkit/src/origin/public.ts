export {
  createFaultBook,
  type FaultBook,
  type OriginFault,
  type OriginFaultAction,
  type OriginFaultMatch,
} from './origin-fault.js';
export type { Origin, OriginOptions, OriginRequestRecord } from './origin-options.js';
export { parseRangeHeader, type RangeAsk } from './parse-range-header.js';
export { createShapedLink, type ShapedLink } from './shaped-link.js';
export { startOrigin } from './start-origin.js';
export { waitForSocketsClosed } from './wait-for-sockets-closed.js';
export {
  type OriginQuiet,
  waitForUsedConnectionsClosed,
} from './wait-for-used-connections-closed.js';
