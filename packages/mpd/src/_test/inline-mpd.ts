import { parseMpd } from '@legato/mpd';

/** The DASH namespace declaration for inline test MPDs. */
export const NS = 'xmlns="urn:mpeg:dash:schema:mpd:2011"';

/** Wraps `body` in an `<MPD>` root with `attrs`. */
export function mpd(
  body: string,
  attrs = 'type="static" mediaPresentationDuration="PT20S"',
): string {
  return `<?xml version="1.0"?><MPD ${NS} ${attrs}>${body}</MPD>`;
}

/** The first representation of the first adaptation set of the first period. */
export function only(xml: string, options: Parameters<typeof parseMpd>[1] = {}) {
  return parseMpd(xml, options).periods[0]!.adaptationSets[0]!.representations[0]!;
}
