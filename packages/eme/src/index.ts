export {
  type EmeAccessInfo,
  type EmeCdm,
  type EmeCdmOptions,
  type EmeNavigator,
  emeCdm,
} from './adapters/eme-cdm.js';
export { EmeSession, type EmeSessionOptions } from './adapters/eme-session.js';
export { type MseSink, type MseSinkOptions, mseSink } from './adapters/mse-sink.js';
export {
  type EmeCapability,
  type ProbeEmeCapabilitiesOptions,
  probeEmeCapabilities,
} from './adapters/probe-eme-capabilities.js';
export {
  describeInitData,
  type InitDataDescription,
  isKnownInitData,
  systemIdsFor,
} from './core/describe-init-data.js';
export { bufferSourceBytes, sameKeyStatuses, toKeyStatusMap } from './core/key-status-map.js';
export {
  buildKeySystemConfigurations,
  DEFAULT_AUDIO_CONTENT_TYPES,
  defaultAudioRobustness,
  type GrantedConfiguration,
  type KeySystemRequest,
  KeySystems,
  readGrantedConfiguration,
  WIDEVINE_AUDIO_ROBUSTNESS,
} from './core/key-system-configurations.js';
export { clearInitSegment } from './device/clear-init-segment.js';
export { decryptFragment, type TrackProtection } from './device/decrypt-fragment.js';
export { type DecryptingSinkOptions, decryptingSink } from './device/decrypting-sink.js';
export { DeviceSession } from './device/device-session.js';
export {
  type DeviceCdm,
  type WidevineDeviceCdmOptions,
  widevineDeviceCdm,
} from './device/widevine-device-cdm.js';
export type {
  MaybePromise,
  WidevineCdmStatus,
  WidevineDecryptInput,
  WidevineDeviceCdmListener,
  WidevineDeviceCdmNative,
  WidevineNativeKeyStatus,
  WidevineNativeMessageType,
} from './device/widevine-device-cdm-api.js';
