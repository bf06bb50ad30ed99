/** Test keys and the guide's playbackInformation license headers. */
export const KID = '0123456789abcdef0123456789abcdef';
export const KEY = 'fedcba9876543210fedcba9876543210';
export const TOKEN = 'lwa-token-Atza|s3cr3t';
export const CUSTOMER_ID = 'A2UVA8V9BOYUMQ';

export const LICENSE_HEADERS: Readonly<Record<string, string>> = {
  'x-amz-music-rid': '375bb69b-2c43-4d27-a37c-6aa4863e73be',
  'x-amz-music-asin': 'B00MAZ814K',
  'x-amz-target':
    'com.amazon.digitalmusiclocator.DigitalMusicLocatorServiceExternal.getLicenseForPlaybackV3',
  'x-amz-music-device-type': 'A3PMWP4IZPXWSV',
  'x-amz-music-device-id': 'amzn1.application.a746b317e5634bbeb165167e9114cbc6.A2UVA8V9BOYUMQ',
  'x-amz-music-customer-id': CUSTOMER_ID,
  'x-amz-music-drm-type': 'WIDEVINE',
};

/** A playbackInformation object as the Amazon Music API returns it (the guide's example). */
export const audioObject = {
  url: 'https://d17vo8z6jop21h.cloudfront.net/api/DashDrm.mpd?dmid=240828769&drm=wv',
  protocol: 'DASH',
  format: 'ENCRYPTED_OPUS_FLAC',
  licenseHeaders: LICENSE_HEADERS,
  progressMilliseconds: null,
};
