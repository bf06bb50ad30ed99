import { LegatoError } from '@legato/errors';

/**
 * The software ClearKey CDM's provisioning exchange (a stand-in for the Widevine CE CDM's
 * device provisioning, so an engine's "provision first" step runs a real round trip).
 *
 * Request: `{"type":"clearkey-provisioning-request","deviceId":"<hex>","attempt":<n>}`.
 * Response: `{"type":"clearkey-provisioning-response","deviceId":"<hex>","attempt":<n>}`
 * echoing the request; anything else is refused.
 */
export interface ClearKeyProvisioningMessage {
  readonly deviceId: string;
  /** 1-based attempt counter; a response must echo the attempt it answers. */
  readonly attempt: number;
}

const REQUEST = 'clearkey-provisioning-request';
const RESPONSE = 'clearkey-provisioning-response';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encode(type: string, message: ClearKeyProvisioningMessage): Uint8Array {
  return encoder.encode(
    JSON.stringify({ type, deviceId: message.deviceId, attempt: message.attempt }),
  );
}

function decode(bytes: Uint8Array, type: string): ClearKeyProvisioningMessage {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new LegatoError(
      'CDM_PROVISIONING_FAILED',
      `expected a ${type} JSON object, received bytes that do not parse`,
      {
        cause,
      },
    );
  }
  const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (
    record.type !== type ||
    typeof record.deviceId !== 'string' ||
    typeof record.attempt !== 'number'
  ) {
    throw new LegatoError(
      'CDM_PROVISIONING_FAILED',
      `expected {"type":"${type}","deviceId":string,"attempt":number}, received type ${JSON.stringify(record.type)}`,
    );
  }
  return { deviceId: record.deviceId, attempt: record.attempt };
}

/** Encodes a provisioning request. */
export function encodeClearKeyProvisioningRequest(
  message: ClearKeyProvisioningMessage,
): Uint8Array {
  return encode(REQUEST, message);
}

/** Decodes a provisioning request (server side); throws `CDM_PROVISIONING_FAILED`. */
export function parseClearKeyProvisioningRequest(bytes: Uint8Array): ClearKeyProvisioningMessage {
  return decode(bytes, REQUEST);
}

/** The response a provisioning server sends for `request` (echoes device id and attempt). */
export function answerClearKeyProvisioningRequest(request: Uint8Array): Uint8Array {
  return encode(RESPONSE, parseClearKeyProvisioningRequest(request));
}

/** Decodes a provisioning response (CDM side); throws `CDM_PROVISIONING_FAILED`. */
export function parseClearKeyProvisioningResponse(bytes: Uint8Array): ClearKeyProvisioningMessage {
  return decode(bytes, RESPONSE);
}
