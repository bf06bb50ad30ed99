// Minimal types for mpd-parser (video.js), which ships none; used by bench/mpd-parse.bench.ts only.
declare module 'mpd-parser' {
  export interface MpdParserOptions {
    manifestUri?: string;
    NOW?: number;
    clientOffset?: number;
  }
  export interface MpdParserManifest {
    playlists: unknown[];
    mediaGroups: Record<string, unknown>;
  }
  export function parse(manifestString: string, options?: MpdParserOptions): MpdParserManifest;
}
