/**
 * The answer card: the language in English and in its own name and script, a confidence bar,
 * the next two candidates, model version and time to answer, then "Why?" (the n-grams that
 * weighed most, highlighted in the text) and "Wrong language?" (feedback).
 */
import { ApiError, explainPrediction, sendFeedback } from './api.js';
import { duration, h, percent, replace } from './dom.js';
import { highlight } from './highlight.js';
import { UNDETERMINED, getLanguage, languageLabel, languageText } from './languages.js';
import { languagePicker } from './picker.js';
import type { Channel } from './track.js';
import type { ExplainedNgram, MarkerWord, PredictionView } from './types.js';

export interface ResultContext {
  readonly prediction: PredictionView;
  /** The text as submitted (for highlighting). */
  readonly text: string;
  /** Submit → result in ms, or undefined for a result re-opened from the recent list. */
  readonly elapsedMs: number | undefined;
  readonly via: Channel | 'history';
}

/** How many n-grams "Why?" lists and highlights. */
const TOP_NGRAMS = 12;

function confidenceBar(confidence: number): HTMLElement {
  const pct = Math.round(Math.max(0, Math.min(1, confidence)) * 100);
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${pct}%`;
  return h('div', { class: 'confidence' },
    h('div', { class: 'bar', role: 'meter', 'aria-label': 'Confidence', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': pct, 'aria-valuetext': percent(confidence) }, fill),
    h('span', { class: 'confidence-text' }, `${percent(confidence)} confident`));
}

function candidates(p: PredictionView, und: boolean): HTMLElement | null {
  const best = p.result?.language;
  const others = (p.result?.top ?? []).filter((c) => c.language !== best && c.language !== UNDETERMINED).slice(0, 2);
  if (others.length === 0) return null;
  return h('div', { class: 'candidates' },
    h('span', { class: 'muted' }, und ? 'Closest guesses, not good enough to answer' : 'Next candidates'),
    h('ol', {}, ...others.map((c) => h('li', {}, languageLabel(c.language), ' ', h('span', { class: 'muted' }, percent(c.confidence))))));
}

function meta(ctx: ResultContext): HTMLElement {
  const p = ctx.prediction;
  const parts: Array<Node | string> = [];
  if (p.modelVersion) parts.push('Model ', h('code', {}, p.modelVersion));
  if (ctx.elapsedMs !== undefined) {
    const how = ctx.via === 'sse' ? 'pushed' : 'polled';
    parts.push(parts.length ? ' · ' : '', 'answered in ', h('strong', { class: 'elapsed' }, duration(ctx.elapsedMs)), ` (${how})`);
  }
  parts.push(parts.length ? ' · ' : '', 'id ', h('code', { class: 'tracking-id' }, p.id));
  return h('p', { class: 'meta' }, ...parts);
}

function markerLine(markers: readonly MarkerWord[]): HTMLElement | null {
  if (markers.length === 0) return null;
  return h('p', { class: 'markers' }, 'Words only one of the two closest languages uses: ',
    ...markers.flatMap((m, i) => [i > 0 ? ', ' : '', h('code', { dir: 'auto' }, m.word), ` (${getLanguage(m.language)?.name ?? m.language})`]));
}

function explainView(text: string, features: readonly ExplainedNgram[], markers: readonly MarkerWord[]): HTMLElement {
  const top = features.slice(0, TOP_NGRAMS);
  if (top.length === 0) return h('p', { class: 'muted' }, 'The model gave no n-grams for this answer.');
  const max = Math.max(...top.map((f) => Math.abs(f.weight)), 1e-9);
  const segments = highlight(text, top.map((f) => f.ngram));
  const marked = h('p', { class: 'highlighted', dir: 'auto' }, ...segments.map((s) => s.rank === undefined
    ? s.text
    : h('mark', { class: `w${Math.min(3, Math.floor((s.rank / top.length) * 4))}`, title: `“${top[s.rank]?.ngram ?? ''}”` }, s.text)));
  const chips = h('ol', { class: 'ngrams' }, ...top.map((f) => {
    const fill = h('span', { class: 'ngram-fill' });
    fill.style.width = `${Math.round((Math.abs(f.weight) / max) * 100)}%`;
    // Spaces are word edges in the model's n-grams; show them as a visible mark.
    return h('li', {}, h('code', { class: 'ngram', dir: 'auto' }, f.ngram.replace(/ /g, '␣')), h('span', { class: 'ngram-bar', 'aria-hidden': 'true' }, fill),
      h('span', { class: 'muted' }, f.weight.toFixed(3)));
  }));
  return h('div', {},
    h('p', { class: 'muted' }, 'The features that weighed most for this answer, strongest first: character n-grams (␣ marks a word edge) and [whole words].'),
    chips, marked, markerLine(markers));
}

export function renderResult(ctx: ResultContext, onFeedback?: (language: string) => void): HTMLElement {
  const p = ctx.prediction;
  if (p.status === 'failed' || !p.result) {
    return h('article', { class: 'result failed', 'data-status': 'failed', 'aria-labelledby': 'result-title' },
      h('h2', { id: 'result-title' }, 'The prediction failed'),
      h('p', {}, p.error ?? 'The worker could not process this text.'),
      meta(ctx));
  }
  const r = p.result;
  const und = r.language === UNDETERMINED || !getLanguage(r.language);
  const title = und
    ? h('h2', { id: 'result-title' }, 'Can’t tell which language this is')
    : h('h2', { id: 'result-title' }, languageLabel(r.language, r.name, r.nativeName));
  const explainPanel = h('div', { class: 'panel', id: 'explain-panel', hidden: true });
  const feedbackPanel = h('div', { class: 'panel', id: 'feedback-panel', 'aria-live': 'polite' });
  const whyBtn = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'explain-panel' }, 'Why?');
  const wrongBtn = h('button', { type: 'button', class: 'secondary', 'aria-controls': 'feedback-panel' }, und ? 'I know the language' : 'Wrong language?');

  let explained = false;
  whyBtn.addEventListener('click', () => {
    const open = explainPanel.hidden;
    explainPanel.hidden = !open;
    whyBtn.setAttribute('aria-expanded', String(open));
    if (!open || explained) return;
    explained = true;
    replace(explainPanel, h('p', { class: 'muted' }, 'Asking the model…'));
    explainPrediction(p.id).then(
      ({ features, markers }) => replace(explainPanel, explainView(ctx.text, features, markers)),
      (e: unknown) => {
        explained = false;
        replace(explainPanel, h('p', { class: 'error', role: 'alert' }, `Could not get the explanation: ${e instanceof Error ? e.message : String(e)}`));
      });
  });

  const closePicker = (): void => {
    replace(feedbackPanel);
    wrongBtn.hidden = false;
    wrongBtn.focus();
  };
  wrongBtn.addEventListener('click', () => {
    wrongBtn.hidden = true;
    replace(feedbackPanel, languagePicker({
      current: r.language,
      onCancel: closePicker,
      onPick: (code) => {
        replace(feedbackPanel, h('p', { class: 'muted' }, `Sending “${languageText(code)}”…`));
        sendFeedback(p.id, code).then(
          () => {
            replace(feedbackPanel, h('p', { class: 'ok', role: 'status', 'data-feedback': code },
              'Thank you — recorded that this text is ', languageLabel(code), '. It will be used to re-check the model.'));
            onFeedback?.(code);
          },
          (e: unknown) => {
            const msg = e instanceof ApiError && e.kind === 'network' ? e.message : `The feedback was not recorded: ${e instanceof Error ? e.message : String(e)}`;
            replace(feedbackPanel, h('p', { class: 'error', role: 'alert' }, msg));
            wrongBtn.hidden = false;
          });
      },
    }));
  });

  return h('article', { class: `result done${und ? ' und' : ''}`, 'data-status': 'done', 'data-language': r.language, 'data-via': ctx.via, 'aria-labelledby': 'result-title' },
    title,
    und
      ? h('p', { class: 'und-note' }, 'The text is too short or does not look like language (numbers, symbols, code…). Try a sentence or two.')
      : confidenceBar(r.confidence),
    candidates(p, und),
    meta(ctx),
    h('div', { class: 'actions' }, und ? null : whyBtn, wrongBtn),
    explainPanel, feedbackPanel);
}

/**
 * The card while the request waits in the queue. `update` refreshes the waited time in place
 * (hidden from screen readers, which would otherwise hear it every second) and adds a note
 * once the wait gets long.
 */
export function renderQueued(id: string): { el: HTMLElement; update(waitedMs: number): void } {
  const waited = h('span', { class: 'waited', 'aria-hidden': 'true' });
  const note = h('p', { class: 'muted', 'data-still-queued': '', hidden: true },
    'Still queued: the workers may be busy or stopped. The answer will appear here by itself as soon as one is free; you can keep this page open.');
  const el = h('article', { class: 'result queued', 'data-status': 'queued', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Queued'),
    h('p', {}, 'Waiting for a worker', waited, '. Tracking id ', h('code', { class: 'tracking-id' }, id), '.'),
    note);
  return {
    el,
    update(waitedMs) {
      const secs = Math.floor(waitedMs / 1000);
      waited.textContent = secs > 0 ? ` — ${secs} s so far` : '';
      if (secs >= 10) note.hidden = false;
    },
  };
}
