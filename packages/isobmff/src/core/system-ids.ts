/** Widevine DRM system id (lower-case UUID), as in `pssh.systemId` and `ContentProtection@schemeIdUri`. */
export const WIDEVINE_SYSTEM_ID = 'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed';

/**
 * W3C Common PSSH system id (lower-case UUID): the v1 `pssh` that lists key ids, used by
 * `org.w3.clearkey` with `cenc` init data.
 */
export const COMMON_SYSTEM_ID = '1077efec-c0b2-4d02-ace3-3c1e52e2fb4b';

/** DASH-IF ClearKey system id (lower-case UUID), as in `ContentProtection@schemeIdUri`. */
export const CLEARKEY_SYSTEM_ID = 'e2719d58-a985-b3c9-781a-b030af78d30e';

/** PlayReady system id (lower-case UUID). */
export const PLAYREADY_SYSTEM_ID = '9a04f079-9840-4286-ab92-e65be0885f95';
