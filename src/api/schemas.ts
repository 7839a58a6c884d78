/**
 * The JSON schemas of every route (TypeBox), the single source of the request types and of the
 * OpenAPI document at /docs. Length limits that depend on configuration (text length, batch
 * size) are checked in the handlers so the error codes can be specific (TEXT_EMPTY,
 * TEXT_TOO_LONG, BATCH_TOO_LARGE) rather than a generic validation failure.
 */
import { Type, type Static } from '@sinclair/typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable error code (docs/errors.md)' }),
    message: Type.String(),
  }, { additionalProperties: true }),
}, { description: 'Every error has this shape.' });

export const TextBody = Type.Object({
  text: Type.String({ description: 'The text to identify: 1…100 000 characters after trimming.' }),
});
export type TextBody = Static<typeof TextBody>;

export const WaitQuery = Type.Object({
  // Checked in the handler, so every bad value gets the same clear message with the range.
  wait: Type.Optional(Type.String({
    description: 'Wait up to this many milliseconds (≤ 10 000) for the result; 200 with the prediction if it finishes in time, else 202.',
  })),
});
export type WaitQuery = Static<typeof WaitQuery>;

export const PredictQuery = Type.Object({
  text: Type.Optional(Type.String({ description: 'The text to identify.' })),
  wait: WaitQuery.properties.wait,
});
export type PredictQuery = Static<typeof PredictQuery>;

export const BatchBody = Type.Object({
  texts: Type.Array(Type.String(), { description: 'Up to 1 000 texts, each 1…100 000 characters after trimming.' }),
});
export type BatchBody = Static<typeof BatchBody>;

export const IdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200, description: 'Prediction id' }),
});
export type IdParams = Static<typeof IdParams>;

export const FeedbackBody = Type.Object({
  language: Type.String({ description: 'The language code the user says is right, e.g. "nb".' }),
});
export type FeedbackBody = Static<typeof FeedbackBody>;

export const Accepted = Type.Object({
  id: Type.String(),
  status: Type.Literal('queued'),
});

export const BatchAccepted = Type.Object({ ids: Type.Array(Type.String()) });

const CandidateView = Type.Object({
  language: Type.String(),
  name: Type.String(),
  nativeName: Type.String(),
  confidence: Type.Number(),
});

export const ResultView = Type.Object({
  language: Type.String({ description: 'ISO 639 code, or "und" when undetermined' }),
  name: Type.String(),
  nativeName: Type.String(),
  confidence: Type.Number(),
  top: Type.Array(CandidateView),
});

export const PredictionView = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('done'), Type.Literal('failed')]),
  result: Type.Union([ResultView, Type.Null()]),
  modelVersion: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed (status "failed" only)' }),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type PredictionView = Static<typeof PredictionView>;
export type ResultView = Static<typeof ResultView>;

export const ExplanationView = Type.Object({
  id: Type.String(),
  result: ResultView,
  features: Type.Array(Type.Object({
    ngram: Type.String({ description: 'Character n-gram after normalisation; spaces mark word edges' }),
    weight: Type.Number({ description: 'Contribution to the winning class score' }),
  })),
  markers: Type.Array(Type.Object({
    word: Type.String({ description: 'A word of the text that one language of a close pair (e.g. Malay/Indonesian) never uses' }),
    language: Type.String({ description: 'The language it counted for' }),
  }), { description: 'Marker words that moved the odds between the two best languages, in text order' }),
});

export const LanguagesView = Type.Object({
  languages: Type.Array(Type.Object({
    code: Type.String(),
    name: Type.String(),
    nativeName: Type.String(),
    direction: Type.Union([Type.Literal('ltr'), Type.Literal('rtl')]),
    scripts: Type.Array(Type.String()),
  })),
});

export const ModelsView = Type.Object({
  current: Type.Object({ version: Type.String(), labels: Type.Array(Type.String()) }),
});

export const StatsView = Type.Object({
  queue: Type.Union([Type.Object({
    depth: Type.Integer(),
    consumers: Type.Integer({ description: 'Workers connected' }),
    deadLettered: Type.Integer(),
  }), Type.Null()], { description: 'null when the broker cannot be asked' }),
  store: Type.Union([Type.Object({
    queued: Type.Integer(), done: Type.Integer(), failed: Type.Integer(), feedback: Type.Integer(),
  }), Type.Null()], { description: 'null when the database cannot be asked' }),
  predictionsPerSecond: Type.Number({ description: 'Completions per second over the last 10 s' }),
  waiting: Type.Integer({ description: 'Requests of this API process waiting for a result (?wait, SSE)' }),
});

export const HealthView = Type.Object({ status: Type.Literal('ok') });

export const ReadyView = Type.Object({
  status: Type.Literal('ok'),
  checks: Type.Object({ broker: Type.String(), store: Type.String() }),
});
