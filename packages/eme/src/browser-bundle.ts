// The browser bundle's entry (`@legato/eme/browser`, built to dist/browser/legato.browser.js with
// every dependency inlined): the engine plus the browser adapters, importable from a plain
// <script type="module"> without a bundler.

export {
  amazonLicenseTransport,
  parsePlaybackInformation,
  widevineProxyTransport,
} from '@legato/drm';
export { createEngine } from '@legato/engine';
export { isLegatoError, LegatoError } from '@legato/errors';
export { parseMpd } from '@legato/mpd';
export { emeCdm, mseSink, probeEmeCapabilities } from './index.js';
