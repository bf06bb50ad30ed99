export {
  type CdmMessage,
  type CdmMessageType,
  type CdmPort,
  type CdmSession,
  type CdmSessionType,
  type InitDataType,
  KEY_STATUSES,
  type KeyStatus,
  type ProvisioningRequest,
} from './cdm-port.js';
export {
  type CdmConformanceCheck,
  type CdmConformanceOptions,
  type CdmConformanceReport,
  runCdmConformance,
} from './conformance/public.js';
export { assessKeys, type KeyAssessment } from './core/assess-keys.js';
export {
  AUDIO_QUALITY_ORDER,
  type AudioDeviceCapability,
  type AudioDeviceFacts,
  AudioQuality,
  audioDeviceCapabilityFor,
  formatAudioDeviceCapability,
  parseAudioDeviceCapability,
} from './core/audio-device-capability.js';
export {
  AUDIO_DEVICE_CAPABILITY_HEADER,
  AUDIO_DRM_TYPE_HEADER,
  type AudioObjectHeaderInput,
  type AudioObjectStatusFailure,
  buildAudioObjectHeaders,
  classifyAudioObjectStatus,
} from './core/audio-object-request.js';
export {
  buildWidevineTemplate,
  type WidevineKeySpecInput,
  type WidevineTemplateInput,
} from './core/build-widevine-template.js';
export {
  type CachedSessionInfo,
  chooseEvictions,
  sessionCacheKey,
} from './core/choose-evictions.js';
export {
  type InitData,
  type LicenseTrack,
  selectInitData,
  WIDEVINE_KEY_SYSTEM,
} from './core/init-data.js';
export { buildKeyIdsInitData, normalizeKeyId, normalizeKeyIds } from './core/key-ids.js';
export { DEFAULT_LICENSE_POLICY, type LicensePolicy } from './core/license-policy.js';
export {
  MAX_WIDEVINE_TEMPLATE_CHARS,
  parseWidevineTemplate,
} from './core/parse-widevine-template.js';
export {
  type LicenseTimerInputs,
  type LicenseTimers,
  planLicenseTimers,
  recoveryDeadlineMs,
} from './core/plan-license-timers.js';
export {
  type ParsePlaybackInformationOptions,
  PLAYBACK_INFO_LIFETIME_S,
  type PlaybackInformation,
  parsePlaybackInformation,
  refreshDueAtMs,
} from './core/playback-information.js';
export { initialSessionState, sessionReducer } from './core/session-reducer.js';
export {
  type KeysUnusableReason,
  type LicenseRequestKind,
  type SessionConfig,
  type SessionContext,
  type SessionEffect,
  type SessionEvent,
  type SessionInput,
  type SessionOperation,
  type SessionState,
  type SessionStateOf,
  type SessionStatus,
  type SessionStep,
  type SessionTimer,
  TERMINAL_STATUSES,
} from './core/session-state.js';
export { toLicensePolicy } from './core/to-license-policy.js';
export {
  WidevineAllowedTrackTypes,
  type WidevineContentKeySpec,
  WidevineHdcp,
  type WidevineLicenseTemplate,
  type WidevinePolicyOverrides,
  type WidevineSecurityLevel,
  type WidevineSessionInit,
  type WidevineTemplateRule,
  WidevineTrackType,
} from './core/widevine-template.js';
export {
  type AudioObjectTransportOptions,
  requestAudioObject$,
} from './rx/amazon-audio-object-transport.js';
export {
  AMAZON_EXPIRATION_TEST_HEADER,
  type AmazonLicenseTransportOptions,
  amazonLicenseTransport,
} from './rx/amazon-license-transport.js';
export type { GetToken, LicenseHttpOptions } from './rx/license-http-options.js';
export { licenseSession$ } from './rx/license-session.js';
export type {
  LicenseReleaseOutcome,
  LicenseSessionOptions,
} from './rx/license-session-options.js';
export type { LicenseRequestContext, LicenseTransport } from './rx/license-transport.js';
export {
  type RawLicenseTransportOptions,
  rawLicenseTransport,
} from './rx/raw-license-transport.js';
export {
  createSessionCache,
  type SessionCache,
  type SessionCacheOptions,
} from './rx/session-cache.js';
export {
  type WidevineProxyTransportOptions,
  widevineProxyTransport,
} from './rx/widevine-proxy-transport.js';
