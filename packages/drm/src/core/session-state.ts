import type { LegatoError } from '@legato/errors';
import type { CdmMessageType, KeyStatus } from '../cdm-port.js';
import type { InitData } from './init-data.js';
import type { LicensePolicy } from './license-policy.js';

/**
 * Where a license session is. The written-out lifecycle:
 *
 * ```text
 * idle ─start─▶ provisioning? ─▶ awaiting-init-data? ─▶ creating ─▶ generating-request
 *   ─▶ requesting-license ─▶ updating ─▶ usable ⇄ renewing
 *                                        usable ⇄ output-restricted
 * key expired (or `reacquire`) ─▶ creating ─▶ … ─▶ requesting-license ⇄ reacquiring
 *   ─▶ updating ─▶ usable            (a new CDM session and license, until the recovery deadline)
 * any live state ─▶ expired | closed | failed   (terminal)
 * ```
 * - `provisioning`: only when the CDM says it is not provisioned (device CDMs).
 * - `awaiting-init-data`: the MPD had no init data; waiting for the media's `encrypted` event.
 * - `generating-request`: a failure here closes the CDM session and starts again at
 *   `creating` from the stored init data (bounded attempts).
 * - `updating`: the license is being installed; `usable` needs both a successful `update` and
 *   the track's default_KIDs reported `usable`.
 * - `output-restricted`: the license is installed but the output cannot take the key.
 * - `renewing`: renewal in progress or waiting to retry, until the license expires.
 * - `reacquiring`: the key expired (or re-acquisition was asked for) and a license request
 *   failed; waiting to send it again, until the recovery deadline (`ctx.recoverByMs`).
 * - `expired`: the key expired and no license came by the recovery deadline (the stream errors
 *   with `CDM_KEY_EXPIRED`).
 */
export type SessionStatus =
  | 'idle'
  | 'provisioning'
  | 'awaiting-init-data'
  | 'creating'
  | 'generating-request'
  | 'requesting-license'
  | 'updating'
  | 'usable'
  | 'output-restricted'
  | 'renewing'
  | 'reacquiring'
  | 'expired'
  | 'closed'
  | 'failed';

/** Statuses a session never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<SessionStatus> = new Set([
  'expired',
  'closed',
  'failed',
]);

/** Kinds of license exchange, as passed to a license transport. */
export type LicenseRequestKind = CdmMessageType;

/** Constant settings of one session (from the stream's options). */
export interface SessionConfig {
  /** Normalised default_KIDs of the track; empty = every key the CDM reports. */
  readonly keyIds: readonly string[];
  /** The license policy when known (Widevine template), else `undefined`. */
  readonly policy: LicensePolicy | undefined;
  /** How many CDM sessions to try for `generateRequest` before failing (≥ 1). */
  readonly maxGenerateAttempts: number;
  /** Renew this long before expiry when the policy gives no delay, ms. */
  readonly renewalLeadMs: number;
  /** Delay between failed renewals when the policy gives none, ms. */
  readonly renewalRetryIntervalMs: number;
  /**
   * How long re-acquisition may take when the policy gives no recovery window (no policy, or
   * `renewal_recovery_duration_seconds` 0 = unlimited, which legato bounds with this), ms.
   */
  readonly recoveryWindowMs: number;
  /**
   * Who starts a renewal: `cdm` waits for the CDM's `license-renewal` message (Widevine);
   * `request-again` re-sends the stored license request at the planned time (ClearKey and
   * servers that vend a fresh license per request).
   */
  readonly renewal: 'cdm' | 'request-again';
}

/** Data every state carries. */
export interface SessionContext {
  readonly config: SessionConfig;
  /** The init data in use (kept to recreate a session after a failed `generateRequest`). */
  readonly initData: InitData | undefined;
  /** `generateRequest` attempts made so far. */
  readonly generateAttempts: number;
  /** Whether a CDM session is open (so teardown closes it exactly once). */
  readonly hasSession: boolean;
  /** The last `license-request` challenge (re-sent by `request-again` renewals). */
  readonly lastChallenge: Uint8Array | undefined;
  /** Latest key statuses by normalised key id. */
  readonly keyStatuses: ReadonlyMap<string, KeyStatus>;
  /** When the installed license stops working, ms; `Infinity` = never or no license yet. */
  readonly expiresAtMs: number;
  /** When the next renewal is due, ms; `Infinity` = none planned. */
  readonly renewAtMs: number;
  /**
   * While re-acquiring: the recovery deadline (a usable key by then, or `expired`), ms;
   * `Infinity` when not re-acquiring.
   */
  readonly recoverByMs: number;
  /** The latest license failure while renewing or re-acquiring (the cause of `expired`). */
  readonly lastError: LegatoError<string> | undefined;
}

/** One member of {@link SessionState}: a status and the session's context. */
export interface SessionStateOf<S extends SessionStatus> {
  readonly status: S;
  readonly ctx: SessionContext;
}

/** The session state: a union discriminated by `status`. */
export type SessionState =
  | SessionStateOf<'idle'>
  | SessionStateOf<'provisioning'>
  | SessionStateOf<'awaiting-init-data'>
  | SessionStateOf<'creating'>
  | SessionStateOf<'generating-request'>
  | SessionStateOf<'requesting-license'>
  | (SessionStateOf<'updating'> & {
      /** `update()` resolved; waiting for the default_KIDs to turn usable. */
      readonly updated: boolean;
    })
  | SessionStateOf<'usable'>
  | SessionStateOf<'output-restricted'>
  | (SessionStateOf<'renewing'> & {
      /** `waiting` = between attempts; `requesting`/`updating` = an attempt in flight. */
      readonly phase: 'waiting' | 'requesting' | 'updating';
      /** Renewal stops (→ re-acquisition) at this time, ms: the license's expiry. */
      readonly deadlineMs: number;
      /** The renewal challenge (re-sent on retry). */
      readonly message: Uint8Array;
    })
  | SessionStateOf<'reacquiring'>
  | (SessionStateOf<'expired'> & { readonly error: LegatoError<string> })
  | SessionStateOf<'closed'>
  | (SessionStateOf<'failed'> & { readonly error: LegatoError<string> });

/** A step of the session that can fail. */
export type SessionOperation = 'provision' | 'create' | 'generate-request' | 'license' | 'update';

/** Inputs of {@link sessionReducer}: what happened (from the stream, CDM, transport, timers). */
export type SessionInput =
  | {
      readonly type: 'start';
      readonly provisioned: boolean;
      readonly initData: InitData | undefined;
    }
  | { readonly type: 'provisioned' }
  | { readonly type: 'init-data'; readonly initData: InitData }
  | { readonly type: 'session-created' }
  | { readonly type: 'request-generated' }
  | { readonly type: 'message'; readonly messageType: CdmMessageType; readonly message: Uint8Array }
  | { readonly type: 'license-received'; readonly response: Uint8Array }
  | { readonly type: 'updated'; readonly nowMs: number; readonly cdmExpirationMs: number }
  | {
      readonly type: 'key-statuses';
      readonly statuses: ReadonlyMap<string, KeyStatus>;
      readonly nowMs: number;
    }
  | {
      readonly type: 'failed';
      readonly operation: SessionOperation;
      readonly error: LegatoError<string>;
      readonly nowMs: number;
    }
  | { readonly type: 'timer'; readonly name: SessionTimer; readonly nowMs: number }
  | { readonly type: 'cdm-closed' }
  /** Get a new license on a new CDM session now (the engine's watchdog asks for it). */
  | { readonly type: 'reacquire'; readonly nowMs: number }
  | { readonly type: 'close' };

/**
 * Named timers of a session: `renewal` = the next renewal or retry; `expiry` = the license's
 * expiry, or while re-acquiring the recovery deadline.
 */
export type SessionTimer = 'renewal' | 'expiry';

/** Why a track's keys cannot decrypt. */
export type KeysUnusableReason = 'output-restricted' | 'internal-error' | 'expired';

/**
 * What a license session stream emits. Failures are not events: the stream errors with a
 * `LegatoError` (`LICENSE_*` from the transport, `CDM_*` from the CDM).
 */
export type SessionEvent =
  /** The lifecycle moved to `status`. */
  | { readonly type: 'state'; readonly status: SessionStatus }
  /** The track's default_KIDs are usable: encrypted segments may be appended. */
  | { readonly type: 'usable'; readonly keyIds: readonly string[]; readonly expiresAtMs: number }
  /** A renewal succeeded; the license now lasts until `expiresAtMs` (`Infinity` = no limit). */
  | { readonly type: 'renewed'; readonly expiresAtMs: number }
  /**
   * The track's keys cannot decrypt: hold encrypted appends. After `expired` the session
   * re-acquires (`reacquiring` follows) and emits `usable` again, or errors with
   * `CDM_KEY_EXPIRED` at the recovery deadline.
   */
  | {
      readonly type: 'keys-unusable';
      readonly reason: KeysUnusableReason;
      readonly keyIds: readonly string[];
    }
  /**
   * Re-acquisition started: a new CDM session and license request; a usable key by
   * `deadlineMs` (scheduler ms) or the stream errors with `CDM_KEY_EXPIRED` then.
   */
  | {
      readonly type: 'reacquiring';
      readonly reason: 'expired' | 'requested';
      readonly deadlineMs: number;
      readonly keyIds: readonly string[];
    };

/** Side effects the reducer asks the stream to execute. */
export type SessionEffect =
  | { readonly type: 'provision' }
  | { readonly type: 'await-init-data' }
  | { readonly type: 'create-session' }
  | { readonly type: 'generate-request'; readonly initData: InitData }
  | { readonly type: 'close-session' }
  | { readonly type: 'send'; readonly kind: LicenseRequestKind; readonly message: Uint8Array }
  | { readonly type: 'update'; readonly response: Uint8Array }
  | { readonly type: 'set-timer'; readonly name: SessionTimer; readonly atMs: number }
  | { readonly type: 'clear-timer'; readonly name: SessionTimer }
  | { readonly type: 'emit'; readonly event: SessionEvent };

/** Result of one reducer step. */
export interface SessionStep {
  readonly state: SessionState;
  readonly effects: readonly SessionEffect[];
}
