// The reusable headless-Chromium harness (Node only; playwright-core is loaded on demand).

export { type BundleForBrowserOptions, bundleForBrowser } from './bundle-for-browser.js';
export { chromiumForTests, REQUIRE_BROWSER_ENV } from './chromium-for-tests.js';
export { type ChromiumLocation, type FindChromiumOptions, findChromium } from './find-chromium.js';
export {
  CHROMIUM_TEST_FLAGS,
  type ChromiumHandle,
  type LaunchChromiumOptions,
  launchChromium,
} from './launch-chromium.js';
export {
  type LoopbackPageServer,
  type LoopbackPostHandler,
  type LoopbackResource,
  serveLoopbackPages,
} from './serve-loopback-pages.js';
