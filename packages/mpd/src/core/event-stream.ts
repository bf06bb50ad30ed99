import { exactUintAttr, uintAttr } from '../_internal/attributes.js';
import { firstElement, nextElement } from '../_internal/children.js';
import { type ExactInt, exactDiff } from '../_internal/exact.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import { attemptAt, childScope, type Scope } from './diagnostics.js';
import type { EventStream, MpdEvent } from './model.js';
import type { XmlElement } from './xml-reader.js';

/**
 * Reads a Period's `EventStream` (§5.10.2): each `Event` placed on the presentation timeline
 * at period start + (`@presentationTime` − `@presentationTimeOffset`) / `@timescale`. An Event
 * with a malformed time is reported and left out.
 */
export function readEventStream(el: XmlElement, periodStartS: number, scope: Scope): EventStream {
  const schemeIdUri = el.getAttribute('schemeIdUri');
  if (schemeIdUri === null) throw invalidAttribute('EventStream', 'schemeIdUri', 'a URI', null);
  const ignored = (name: string) => `@${name} ignored`;
  const timescale =
    attemptAt(scope, () => uintAttr(el, 'timescale'), null, ignored('timescale')) || 1;
  const pto: ExactInt =
    attemptAt(
      scope,
      () => exactUintAttr(el, 'presentationTimeOffset'),
      null,
      ignored('presentationTimeOffset'),
    ) ?? 0;
  const events: MpdEvent[] = [];
  let k = 0;
  for (let c = firstElement(el); c !== null; c = nextElement(c)) {
    if (c.localName !== 'Event') continue;
    const at = childScope(scope, `Event[${k++}]`);
    const event = attemptAt(
      at,
      () => {
        const time = exactUintAttr(c, 'presentationTime') ?? 0;
        const duration = uintAttr(c, 'duration');
        return {
          id: c.getAttribute('id'),
          startS: periodStartS + exactDiff(time, pto) / timescale,
          durationS: duration === null ? null : duration / timescale,
          messageData: c.getAttribute('messageData') ?? (c.textContent?.trim() || null),
        };
      },
      null,
      'event left out',
      'dropped',
    );
    if (event !== null) events.push(event);
  }
  return { schemeIdUri, value: el.getAttribute('value'), events };
}
