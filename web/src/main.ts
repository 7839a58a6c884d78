/**
 * The page's wiring: the form, the submit → queued → result flow with its error states, the
 * samples, the recent list and the status strip. Views live in their own modules; this file
 * owns the state of the one request in flight.
 */
import { ApiError, getPrediction, submitPrediction } from './api.js';
import { byId, h, percent, replace } from './dom.js';
import { languageLabel } from './languages.js';
import { KEEP_CHARS, addRecent, loadRecent, snippet } from './recent.js';
import type { RecentItem } from './recent.js';
import { renderQueued, renderResult } from './result.js';
import { SAMPLES } from './samples.js';
import { startStatusStrip } from './status.js';
import { track } from './track.js';
import type { Channel } from './track.js';
import type { PredictionView } from './types.js';

/** ARCHITECTURE.md: text 1…100 000 characters after trimming. */
export const MAX_CHARS = 100_000;
/** Longest automatic wait between retries when the server is busy or down, in seconds. */
const MAX_BACKOFF_S = 30;

const form = byId<HTMLFormElement>('ask');
const textarea = byId<HTMLTextAreaElement>('text');
const counter = byId('counter');
const submitBtn = byId<HTMLButtonElement>('submit');
const message = byId('message');
const resultBox = byId('result');
const recentList = byId('recent');
const nf = new Intl.NumberFormat(undefined);
const status = startStatusStrip(byId('status'));

/** Cancels whatever the current request is doing (retry countdown, tracking, ticking clock). */
let cancelCurrent: (() => void) | undefined;

function setMessage(kind: 'error' | 'warn' | 'info', ...children: Array<Node | string>): void {
  message.className = `message ${kind}`;
  message.hidden = false;
  replace(message, ...children);
}

function clearMessage(): void {
  message.hidden = true;
  replace(message);
}

function updateCounter(): void {
  const n = textarea.value.trim().length;
  counter.textContent = `${nf.format(n)} / ${nf.format(MAX_CHARS)}`;
  counter.classList.toggle('over', n > MAX_CHARS);
}

function setSending(sending: boolean): void {
  submitBtn.disabled = sending;
  submitBtn.textContent = sending ? 'Sending…' : 'Identify language';
}

/** Rejects input the server would refuse anyway, with the same rules; returns false if refused. */
function validate(text: string): boolean {
  const n = text.trim().length;
  if (n === 0) {
    setMessage('error', 'Type or paste some text first: the box is empty.');
    textarea.focus();
    return false;
  }
  if (n > MAX_CHARS) {
    setMessage('error', `The text is too long: ${nf.format(n)} characters, the limit is ${nf.format(MAX_CHARS)}. Shorten it and submit again.`);
    textarea.focus();
    return false;
  }
  return true;
}

function showResult(p: PredictionView, text: string, elapsedMs: number | undefined, via: Channel | 'history'): void {
  clearMessage();
  status.refresh();
  replace(resultBox, renderResult({ prediction: p, text, elapsedMs, via }));
  if (p.status === 'done' && p.result && via !== 'history') {
    renderRecent(addRecent({ id: p.id, text: text.slice(0, KEEP_CHARS), language: p.result.language, confidence: p.result.confidence, at: Date.now() }));
  }
}

/** A countdown message with "Retry now" / "Cancel"; calls `retry` when it reaches zero. */
function retryCountdown(lead: string, seconds: number, retry: () => void): () => void {
  let left = seconds;
  const secs = h('strong', { 'data-retry-in': String(left) }, String(left));
  const now = h('button', { type: 'button', class: 'secondary' }, 'Retry now');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  setMessage('warn', h('span', {}, lead, ' Retrying in ', secs, ' s.'), ' ', now, ' ', cancel);
  const timer = window.setInterval(() => {
    left -= 1;
    secs.textContent = String(Math.max(0, left));
    secs.dataset.retryIn = String(Math.max(0, left));
    if (left <= 0) {
      stop();
      retry();
    }
  }, 1000);
  const stop = (): void => window.clearInterval(timer);
  now.addEventListener('click', () => {
    stop();
    retry();
  });
  cancel.addEventListener('click', () => {
    stop();
    setMessage('info', 'Cancelled. Nothing was sent.');
    setSending(false);
  });
  return stop;
}

function submit(): void {
  const text = textarea.value;
  if (!validate(text)) return;
  cancelCurrent?.();
  const started = performance.now();
  let attempt = 0;
  let stopped = false;
  let stopInner: (() => void) | undefined;
  cancelCurrent = () => {
    stopped = true;
    stopInner?.();
  };

  // The previous answer belongs to another text: keeping it on screen while this one is sent
  // would read as this text's answer.
  replace(resultBox);
  const send = (): void => {
    attempt += 1;
    setSending(true);
    submitPrediction(text).then((p) => {
      if (stopped) return;
      setSending(false);
      clearMessage();
      if (p.status !== 'queued') return showResult(p, text, performance.now() - started, 'poll');
      follow(p.id);
    }, (e: unknown) => {
      if (stopped) return;
      const err = e instanceof ApiError ? e : new ApiError('server', String(e));
      const backoff = Math.min(MAX_BACKOFF_S, 2 ** attempt);
      // The countdown has its own Retry now / Cancel; a new submit replaces this request.
      setSending(false);
      if (err.kind === 'busy') {
        const wait = err.retryAfter ?? backoff;
        const why = err.code === 'QUEUE_FULL' ? 'The service is busy (its queue is full).' : `The service is busy: ${err.message}`;
        stopInner = retryCountdown(why, Math.max(1, wait), send);
      } else if (err.kind === 'network') {
        stopInner = retryCountdown('Cannot reach the Glossa server — is it running?', backoff, send);
      } else {
        if (err.code === 'TEXT_EMPTY') setMessage('error', 'Type or paste some text first: the text is empty.');
        else if (err.code === 'TEXT_TOO_LONG' || err.code === 'BODY_TOO_LARGE') setMessage('error', `The text is too long for the server: ${err.message}`);
        else setMessage('error', `The server refused the request (${err.code ?? err.status ?? 'error'}): ${err.message}`);
      }
    });
  };

  const follow = (id: string): void => {
    const queued = renderQueued(id);
    replace(resultBox, queued.el);
    const trouble = h('p', { class: 'message warn', hidden: true, role: 'status' });
    queued.el.append(trouble);
    const clock = window.setInterval(() => queued.update(performance.now() - started), 1000);
    const stopTracking = track(id, {
      onResult: (p, via) => {
        window.clearInterval(clock);
        showResult(p, text, performance.now() - started, via);
      },
      onTrouble: (err) => {
        trouble.hidden = err === null;
        trouble.textContent = err === null ? '' : err.kind === 'network'
          ? 'Lost contact with the server; still trying. The request is safe in the queue.'
          : `The server is having trouble (${err.message}); still trying.`;
      },
      onFatal: (err) => {
        window.clearInterval(clock);
        setMessage('error', `Cannot follow this request: ${err.message}`);
      },
    });
    stopInner = () => {
      window.clearInterval(clock);
      stopTracking();
    };
  };

  send();
}

function renderRecent(items: readonly RecentItem[]): void {
  if (items.length === 0) {
    replace(recentList, h('li', { class: 'muted' }, 'Nothing yet — your answers in this tab appear here.'));
    return;
  }
  replace(recentList, ...items.map((it) => {
    const btn = h('button', { type: 'button', class: 'recent-item', 'data-id': it.id },
      languageLabel(it.language), ' ', it.language === 'und' ? null : h('span', { class: 'muted' }, percent(it.confidence)),
      h('span', { class: 'recent-snippet', dir: 'auto' }, snippet(it.text)));
    btn.addEventListener('click', () => {
      cancelCurrent?.();
      textarea.value = it.text;
      updateCounter();
      getPrediction(it.id).then(
        (p) => showResult(p, it.text, undefined, 'history'),
        (e: unknown) => setMessage('error', `Could not load that prediction: ${e instanceof Error ? e.message : String(e)}`));
    });
    return h('li', {}, btn);
  }));
}

function renderSamples(): void {
  const box = byId('samples');
  for (const s of SAMPLES) {
    const btn = h('button', { type: 'button', class: 'sample', lang: s.language === 'und' ? null : s.language, 'data-sample': s.language }, s.label);
    btn.addEventListener('click', () => {
      textarea.value = s.text;
      updateCounter();
      submit();
    });
    box.append(btn);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  submit();
});
textarea.addEventListener('input', updateCounter);
textarea.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
});
const mac = /Mac|iPhone|iPad/.test(navigator.userAgent);
byId('shortcut').textContent = mac ? '⌘ + Enter' : 'Ctrl + Enter';

updateCounter();
renderSamples();
renderRecent(loadRecent());
