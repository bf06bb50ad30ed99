import type { MusicPcm } from './render-music-pcm.js';

/** A 32-bit float stereo WAV (WAVE_FORMAT_IEEE_FLOAT) of `pcm`, little-endian, as ffmpeg reads it. */
export function encodeWavFloat(pcm: MusicPcm): Uint8Array {
  const dataBytes = pcm.interleaved.length * 4;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 3, true); // IEEE float
  view.setUint16(22, 2, true);
  view.setUint32(24, pcm.sampleRateHz, true);
  view.setUint32(28, pcm.sampleRateHz * 8, true);
  view.setUint16(32, 8, true);
  view.setUint16(34, 32, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.interleaved.length; i++) {
    view.setFloat32(44 + 4 * i, pcm.interleaved[i]!, true);
  }
  return bytes;
}
