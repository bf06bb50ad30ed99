import { checkUrlPolicy, redactUrl } from '@legato/fetch';
import { describe, expect, it } from 'vitest';

describe('redactUrl', () => {
  it('drops query, fragment and user-info', () => {
    expect(redactUrl('https://cdn.example/a/b.mp4?Signature=s3cr3t&Key-Pair-Id=K')).toBe(
      'https://cdn.example/a/b.mp4?<redacted>',
    );
    expect(redactUrl('https://user:pw@cdn.example/a.mp4#t=1')).toBe(
      'https://cdn.example/a.mp4?<redacted>',
    );
    expect(redactUrl('https://cdn.example/a.mp4')).toBe('https://cdn.example/a.mp4');
    expect(redactUrl('not a url?token=x')).toBe('not a url?<redacted>');
  });
});

describe('checkUrlPolicy', () => {
  it('allows https always and http only when told', () => {
    expect(() => checkUrlPolicy('https://cdn.example/a.mp4', false)).not.toThrow();
    expect(() => checkUrlPolicy('http://127.0.0.1:8080/a.mp4?t=secret', false)).toThrow(
      expect.objectContaining({
        code: 'INSECURE_ORIGIN',
        message: expect.not.stringContaining('secret'),
      }),
    );
    expect(() => checkUrlPolicy('http://127.0.0.1:8080/a.mp4', true)).not.toThrow();
    expect(() =>
      checkUrlPolicy('http://127.0.0.1:8080/a.mp4', ['http://127.0.0.1:8080']),
    ).not.toThrow();
    expect(() => checkUrlPolicy('http://127.0.0.1:9/a.mp4', ['http://127.0.0.1:8080'])).toThrow(
      expect.objectContaining({ code: 'INSECURE_ORIGIN' }),
    );
  });

  it('refuses relative and non-http URLs', () => {
    expect(() => checkUrlPolicy('/a.mp4', true)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => checkUrlPolicy('file:///etc/passwd', true)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
