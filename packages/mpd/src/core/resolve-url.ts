/** RFC 3986 §3 split: scheme, authority, path, query, fragment (undefined when absent). */
const URI = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

interface UriParts {
  scheme: string | undefined;
  authority: string | undefined;
  path: string;
  query: string | undefined;
  fragment: string | undefined;
}

function split(uri: string): UriParts {
  const m = URI.exec(uri)!;
  return { scheme: m[1], authority: m[2], path: m[3] ?? '', query: m[4], fragment: m[5] };
}

/** RFC 3986 §5.2.4. */
function removeDotSegments(path: string): string {
  if (path.indexOf('.') < 0) return path;
  const input = path.split('/');
  const output: string[] = [];
  const absolute = path.startsWith('/');
  for (let i = absolute ? 1 : 0; i < input.length; i++) {
    const seg = input[i]!;
    const last = i === input.length - 1;
    if (seg === '.') {
      if (last) output.push('');
    } else if (seg === '..') {
      if (output.length > 0) output.pop();
      if (last) output.push('');
    } else {
      output.push(seg);
    }
  }
  return (absolute ? '/' : '') + output.join('/');
}

/** RFC 3986 §5.2.3. */
function merge(base: UriParts, refPath: string): string {
  if (base.authority !== undefined && base.path === '') return `/${refPath}`;
  const slash = base.path.lastIndexOf('/');
  return slash < 0 ? refPath : base.path.slice(0, slash + 1) + refPath;
}

function recompose(p: UriParts): string {
  let out = '';
  if (p.scheme !== undefined) out += `${p.scheme}:`;
  if (p.authority !== undefined) out += `//${p.authority}`;
  out += p.path;
  if (p.query !== undefined) out += `?${p.query}`;
  if (p.fragment !== undefined) out += `#${p.fragment}`;
  return out;
}

/**
 * Resolves a URI reference against a base URI (RFC 3986 §5.2, strict). A relative base is
 * merged the same way, so chains of relative BaseURLs compose before the document URL is known.
 *
 * @example
 * ```ts
 * resolveUrl('../b/seg.mp4', 'https://cdn.example/a/x/'); // 'https://cdn.example/a/b/seg.mp4'
 * ```
 */
export function resolveUrl(reference: string, base: string): string {
  if (base === '') return reference;
  const r = split(reference);
  if (r.scheme !== undefined) {
    return recompose({ ...r, path: removeDotSegments(r.path) });
  }
  const b = split(base);
  const t: UriParts = {
    scheme: b.scheme,
    authority: b.authority,
    path: '',
    query: r.query,
    fragment: r.fragment,
  };
  if (r.authority !== undefined) {
    t.authority = r.authority;
    t.path = removeDotSegments(r.path);
  } else if (r.path === '') {
    t.path = b.path;
    if (r.query === undefined) t.query = b.query;
  } else if (r.path.startsWith('/')) {
    t.path = removeDotSegments(r.path);
  } else {
    t.path = removeDotSegments(merge(b, r.path));
  }
  return recompose(t);
}
