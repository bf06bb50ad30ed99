// Each area keeps its own explicit export list in `<area>/public.ts`.
export * from './browser/public.js';
export * from './chaos/public.js';
export * from './license-server/public.js';
export * from './media/music/public.js';
export * from './media/public.js';
export * from './music-api/public.js';
export * from './origin/public.js';
export * from './sandbox/public.js';
