/**
 * "Wrong language?": a searchable list of the 38 languages. Typing filters by English name,
 * native name or code; Enter in the search box picks the first match; arrow keys move between
 * the choices; Escape closes.
 */
import { h, replace } from './dom.js';
import { LANGUAGES, languageLabel } from './languages.js';
import type { Language } from './languages.js';

export interface PickerOptions {
  /** The predicted language, marked in the list. */
  readonly current: string;
  onPick(code: string): void;
  onCancel(): void;
}

/** Case- and accent-insensitive comparison form. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matches(lang: Language, query: string): boolean {
  const q = fold(query.trim());
  if (q === '') return true;
  return lang.code === q || fold(lang.name).includes(q) || fold(lang.nativeName).includes(q);
}

let counter = 0;

export function languagePicker(opts: PickerOptions): HTMLElement {
  const uid = `picker-${++counter}`;
  const search = h('input', {
    type: 'search', id: `${uid}-q`, class: 'picker-search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. Norwegian, norsk, nb', 'aria-controls': `${uid}-list`,
  });
  const list = h('ul', { id: `${uid}-list`, class: 'picker-list', 'aria-label': 'Languages' });
  const count = h('p', { class: 'picker-count', 'aria-live': 'polite' });

  const render = (): void => {
    const shown = [...LANGUAGES].sort((a, b) => a.name.localeCompare(b.name, 'en')).filter((l) => matches(l, search.value));
    replace(list, ...shown.map((l) => h('li', {},
      h('button', { type: 'button', class: 'picker-choice', 'data-code': l.code, 'aria-current': l.code === opts.current ? 'true' : null },
        languageLabel(l.code), ' ', h('span', { class: 'code' }, l.code),
        l.code === opts.current ? h('span', { class: 'picker-predicted' }, ' (predicted)') : null))));
    count.textContent = shown.length === 0 ? 'No language matches.' : `${shown.length} of ${LANGUAGES.length} languages`;
  };

  const choices = (): HTMLButtonElement[] => [...list.querySelectorAll<HTMLButtonElement>('button.picker-choice')];

  search.addEventListener('input', render);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = choices()[0];
      if (first?.dataset.code) opts.onPick(first.dataset.code);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      choices()[0]?.focus();
    }
  });
  list.addEventListener('click', (e) => {
    const btn = (e.target as Element).closest<HTMLButtonElement>('button.picker-choice');
    if (btn?.dataset.code) opts.onPick(btn.dataset.code);
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const all = choices();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' ? all[Math.min(all.length - 1, i + 1)] : i <= 0 ? search : all[i - 1];
    next?.focus();
  });

  const panel = h('div', { class: 'picker', role: 'group', 'aria-labelledby': `${uid}-title` },
    h('p', { id: `${uid}-title`, class: 'picker-title' }, 'Which language is it?'),
    h('label', { for: `${uid}-q`, class: 'visually-hidden' }, 'Search the languages'),
    h('div', { class: 'picker-bar' }, search,
      h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel-picker' }, 'Cancel')),
    count, list);
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      opts.onCancel();
    }
  });
  panel.querySelector('[data-action="cancel-picker"]')?.addEventListener('click', () => opts.onCancel());
  render();
  queueMicrotask(() => search.focus());
  return panel;
}
