// Runs in Chromium: parseMpd over the browser's own DOMParser, through createDomParserXmlReader.
import { isLegatoError } from '@legato/errors';
import { createDomParserXmlReader, parseMpd, toJSON } from '@legato/mpd';

const xmlReader = createDomParserXmlReader(new DOMParser());

(globalThis as Record<string, unknown>).legatoMpd = {
  /** The model as JSON text, or the LegatoError code. */
  parse(xml: string): string {
    try {
      return JSON.stringify(toJSON(parseMpd(xml, { xmlReader }), { segments: true }));
    } catch (error) {
      return isLegatoError(error) ? `error:${error.code}` : `unexpected:${String(error)}`;
    }
  },
};
