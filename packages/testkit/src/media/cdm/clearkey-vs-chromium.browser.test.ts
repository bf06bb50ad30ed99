import type { CdmSession } from '@legato/drm';
import {
  chromiumForTests,
  createSoftwareClearKeyCdm,
  encodeClearKeyRequest,
  launchChromium,
  serveLoopbackPages,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { licenseFor } from '../_test/license-for.js';

const chromiumPath = chromiumForTests('software ClearKey vs Chromium');
const KID = '00112233445566778899aabbccddeeff';
const KEY = '000102030405060708090a0b0c0d0e0f';
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** One step of a session script, and what a CDM made of it (identical shape on both sides). */
type Step = 'remove' | 'request' | 'update' | 'close';
interface Outcome {
  readonly step: Step;
  /** `ok`, or `rejected` (the error kinds differ: DOMException vs LegatoError). */
  readonly result: 'ok' | 'rejected';
  /** Messages the step sent: type and body. */
  readonly messages: readonly string[];
  /** Key statuses after it. */
  readonly statuses: readonly string[];
}

// The page side: the same steps on Chromium's own org.w3.clearkey (EME), results as above.
const PAGE = `
globalThis.ck = {
  async probe() {
    const config = (sessionTypes, persistentState) => [{ initDataTypes: ['keyids'], audioCapabilities: [{ contentType: 'audio/mp4; codecs="opus"' }], sessionTypes, persistentState }];
    const verdict = (p) => p.then((a) => a.getConfiguration().sessionTypes.join(','), (e) => e.name);
    return {
      temporary: await verdict(navigator.requestMediaKeySystemAccess('org.w3.clearkey', config(['temporary'], 'optional'))),
      persistent: await verdict(navigator.requestMediaKeySystemAccess('org.w3.clearkey', config(['persistent-license'], 'required'))),
    };
  },
  async run(steps, license) {
    const access = await navigator.requestMediaKeySystemAccess('org.w3.clearkey', [{ initDataTypes: ['keyids'], audioCapabilities: [{ contentType: 'audio/mp4; codecs="opus"' }] }]);
    const session = (await access.createMediaKeys()).createSession('temporary');
    let messages = [];
    session.addEventListener('message', (e) => messages.push(e.messageType + ' ' + new TextDecoder().decode(e.message)));
    const init = new TextEncoder().encode(JSON.stringify({ kids: ['ABEiM0RVZneImaq7zN3u_w'] }));
    const out = [];
    for (const step of steps) {
      const call = step === 'request' ? session.generateRequest('keyids', init)
        : step === 'update' ? session.update(new TextEncoder().encode(license))
        : step === 'remove' ? session.remove() : session.close();
      const result = await call.then(() => 'ok', () => 'rejected');
      await new Promise((r) => setTimeout(r, 20)); // message and keystatuseschange events
      out.push({ step, result, messages, statuses: [...session.keyStatuses.values()] });
      messages = [];
    }
    return out;
  },
};`;

/**
 * Chromium's outcomes as a `CdmPort` reports them: EME empties a closed session's key status map,
 * and legato's EME adapter (`@legato/eme`, eme-session.ts) reports every key it knew as
 * `released` instead — the port's contract, which the software CDM implements directly.
 */
function asCdmPort(outcomes: readonly Outcome[]): Outcome[] {
  let known: readonly string[] = [];
  let closed: readonly string[] | undefined;
  return outcomes.map((o) => {
    if (o.step === 'close' && o.result === 'ok') closed ??= known.map(() => 'released');
    if (closed) return { ...o, statuses: closed };
    known = o.statuses;
    return o;
  });
}

/** The same steps on the software CDM. */
async function runSoftware(steps: readonly Step[], license: Uint8Array): Promise<Outcome[]> {
  const session: CdmSession = createSoftwareClearKeyCdm().createSession('temporary');
  let messages: string[] = [];
  let statuses: readonly string[] = [];
  session.message$.subscribe((m) => messages.push(`${m.type} ${decode(m.message)}`));
  session.keyStatuses$.subscribe((s) => (statuses = [...s.values()]));
  const out: Outcome[] = [];
  for (const step of steps) {
    const call =
      step === 'request'
        ? session.generateRequest('keyids', encodeClearKeyRequest([KID]))
        : step === 'update'
          ? session.update(license)
          : step === 'remove'
            ? session.remove()
            : session.close();
    const result = await call.then(
      () => 'ok' as const,
      () => 'rejected' as const,
    );
    out.push({ step, result, messages, statuses });
    messages = [];
  }
  return out;
}

describe.skipIf(chromiumPath === undefined)('software ClearKey CDM vs Chromium ClearKey', () => {
  it('the same session scripts give the same messages, statuses and outcomes', async () => {
    const steps: Step[] = ['remove', 'request', 'update', 'remove', 'update', 'remove', 'close'];
    // remove() while the request waits for its license, and after close.
    const early: Step[] = ['request', 'remove', 'update', 'close', 'remove', 'update'];
    const license = licenseFor(KID, KEY);
    const pages = await serveLoopbackPages({
      '/': { body: `<!doctype html><script>${PAGE}</script>`, contentType: 'text/html' },
    });
    const chromium = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await chromium.newPage();
      await page.goto(pages.url('/'));
      // Chromium (Debian 156 headless here) offers org.w3.clearkey with temporary sessions only:
      // a persistent-license session — and so its license-release message — cannot be made in it.
      expect(await page.evaluate('globalThis.ck.probe()')).toEqual({
        temporary: 'temporary',
        persistent: 'NotSupportedError',
      });
      const inChromium = async (script: Step[]) =>
        (await page.evaluate(
          `globalThis.ck.run(${JSON.stringify(script)}, ${JSON.stringify(decode(license))})`,
        )) as Outcome[];
      const chromiumRun = await inChromium(steps);
      expect(chromiumRun.at(-1)).toMatchObject({ step: 'close', statuses: [] });
      expect(await runSoftware(steps, license)).toEqual(asCdmPort(chromiumRun));
      expect(await runSoftware(early, license)).toEqual(asCdmPort(await inChromium(early)));
      // What that pins: the request's exact JSON, and remove() on a temporary session releases
      // its keys without a message, after which a license can be installed again.
      expect(chromiumRun[1]!.messages).toEqual([
        'license-request {"kids":["ABEiM0RVZneImaq7zN3u_w"],"type":"temporary"}',
      ]);
      expect(chromiumRun.slice(3, 5)).toMatchObject([
        { step: 'remove', result: 'ok', messages: [], statuses: ['released'] },
        { step: 'update', result: 'ok', messages: [], statuses: ['usable'] },
      ]);
    } finally {
      await chromium.close();
      await pages.close();
    }
  });
});
