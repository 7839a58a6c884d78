/**
 * Accuracy of Glossa and every peer on the same held-out sets (sentences, two-word inputs,
 * single words): macro accuracy per set, per-language accuracy, frequent confusions. Prints
 * everything and writes the accuracy section of bench/results/peers.md.
 *
 *   node --import tsx bench/accuracy.ts [--data FILE] [--per-language 200] [--skip franc]
 */
import { relative } from 'node:path';
import { LANGUAGE_CODES } from '../src/languages/index.js';
import { SET_NAMES, SET_TITLES } from './lib/dataset.js';
import type { SetName } from './lib/dataset.js';
import { MissingPrerequisite } from './lib/heldout.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { MAPPING_DOC } from './lib/mapping-doc.js';
import { commandLine, parseBenchArgs, USAGE } from './lib/options.js';
import { writeSection } from './lib/report.js';
import { accuracyModel } from './lib/models.js';
import type { ModelChoice } from './lib/models.js';
import { macroOver, score } from './lib/score.js';
import type { Score } from './lib/score.js';
import { describeSets, prepareSets } from './lib/sets.js';
import type { PreparedSets } from './lib/sets.js';
import { markdownTable, percent, plainTable } from './lib/table.js';
import type { Cell } from './lib/table.js';
import { loadTools } from './lib/tools.js';
import type { Detector } from './peers/types.js';

type Results = Map<Detector, Record<SetName, Score>>;

function run(tools: readonly Detector[], sets: PreparedSets): Results {
  const results: Results = new Map();
  for (const tool of tools) {
    const bySet = {} as Record<SetName, Score>;
    for (const name of SET_NAMES) {
      const samples = sets.sets[name];
      bySet[name] = score(samples, samples.map((s) => tool.detect(s.text)));
    }
    results.set(tool, bySet);
    console.log(`  ${tool.name}: ${SET_NAMES.map((n) => `${n} ${percent(bySet[n].macro)}`).join(', ')}`);
  }
  return results;
}

/** One row per tool: macro accuracy per set, over every language or all but `without`. */
function summaryRows(results: Results, without: readonly string[] = []): Cell[][] {
  const over = LANGUAGE_CODES.filter((l) => !without.includes(l));
  return [...results].map(([tool, bySet]) => [
    tool.name, tool.version, `${tool.covered.length}/${LANGUAGE_CODES.length}`,
    ...SET_NAMES.map((n) => percent(without.length === 0 ? bySet[n].macro : macroOver(bySet[n], over))),
  ]);
}

/** Languages with held-out text but no training samples in the benchmarked model (e.g. war). */
function untrainedLanguages(counts: Readonly<Record<string, number>> | undefined, missing: readonly string[]): string[] {
  if (counts === undefined) return [];
  return LANGUAGE_CODES.filter((l) => !missing.includes(l) && !((counts[l] ?? 0) > 0));
}

const SUMMARY_HEADER = ['tool', 'version', 'covers', ...SET_NAMES.map((n) => SET_TITLES[n])];

function perLanguageRows(results: Results, name: SetName, languages: readonly string[]): Cell[][] {
  return languages.map((lang) => [lang, ...[...results.values()].map((bySet) => percent(bySet[name].perLanguage[lang] ?? Number.NaN))]);
}

function confusionLines(results: Results, name: SetName, top = 6): string[] {
  return [...results].map(([tool, bySet]) =>
    `- **${tool.name}**: ${bySet[name].confusions.slice(0, top).map(([pair, n]) => `${pair} ${n}`).join(', ') || 'none'}`);
}

interface ReportContext {
  readonly sets: PreparedSets;
  readonly command: string;
  readonly skipped: readonly string[];
  readonly perLanguage: number;
  readonly model: ModelChoice;
  readonly untrained: readonly string[];
}

function markdown(results: Results, context: ReportContext): string {
  const { sets, command, skipped, perLanguage, model, untrained } = context;
  const tools = [...results.keys()];
  const languages = LANGUAGE_CODES.filter((l) => !sets.missing.includes(l));
  const out: string[] = ['## Accuracy', ''];
  out.push(`- Machine: ${formatMachine(machineInfo())}`);
  out.push(`- Command: \`${command}\``);
  out.push(`- Glossa model: \`${relative(process.cwd(), model.dir)}\` — ${model.why}`);
  out.push(`- Held-out text: ${sets.description}`);
  out.push(`- Sets: up to ${perLanguage} samples per language; ${SET_NAMES.map((n) => `${n} ${sets.sets[n].length}`).join(', ')} samples in all.`
    + ' Sentences: runs of whole sentences of 60–160 characters (sentences cut to length only fill a shortfall);'
    + ' two-word inputs: two adjacent words of ≥ 2 letters with only a space between them;'
    + ' single words: ≥ 3 letters, letters only, not all capitals (≥ 2 letters in Han, kana and Hangul). Words come from ICU word segmentation (Intl.Segmenter), which also segments Japanese. Built by bench/lib/dataset.ts, seeded.');
  if (sets.missing.length > 0) out.push(`- No held-out text (not in any average): ${sets.missing.join(', ')}`);
  for (const line of skipped) out.push(`- Not run: ${line}`);
  out.push('', '### Macro accuracy (%), each language weighted equally', '');
  out.push(markdownTable(SUMMARY_HEADER, summaryRows(results), ['left', 'left', 'right']));
  out.push('', '"covers": how many of our 38 languages the tool can name at all; the others score 0 for it.');
  if (untrained.length > 0) {
    out.push('', `### Macro accuracy (%) without ${untrained.join(', ')}`, '',
      `The Glossa model benchmarked here had no training data for ${untrained.join(', ')} (its only source is the held-out one), so it scores 0 there; the same average over the other ${LANGUAGE_CODES.length - untrained.length - sets.missing.length} languages, for every tool:`, '');
    out.push(markdownTable(SUMMARY_HEADER, summaryRows(results, untrained), ['left', 'left', 'right']));
  }
  for (const name of SET_NAMES) {
    out.push('', `### Per language: ${SET_TITLES[name]} (%)`, '');
    out.push(markdownTable(['lang', ...tools.map((t) => t.name)], perLanguageRows(results, name, languages)));
    out.push('', 'Most frequent confusions (expected→answered count):', '', ...confusionLines(results, name));
  }
  out.push('', '### Tools as run', '', ...tools.map((t) => `- **${t.name}** ${t.version}: ${t.notes}`));
  out.push('', MAPPING_DOC);
  return out.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchArgs(argv);
  console.log(`machine: ${formatMachine(machineInfo())}`);
  const choice = accuracyModel(options.modelDir);
  console.log(`Glossa model: ${relative(process.cwd(), choice.dir)} (${choice.why})`);
  const sets = await prepareSets(options, choice.dir);
  console.log(describeSets(sets, options.perLanguage));
  const tools = await loadTools(choice.dir, options.skip);
  for (const line of tools.skipped) console.log(`not run: ${line}`);
  if (tools.all.length === 0) throw new Error('no tool could be loaded');
  console.log('running…');
  const results = run(tools.all, sets);
  const untrained = untrainedLanguages(tools.glossa?.model().manifest.corpus.counts, sets.missing);
  console.log(`\nmacro accuracy (%)\n${plainTable(SUMMARY_HEADER, summaryRows(results), ['left', 'left', 'right'])}`);
  if (untrained.length > 0) {
    console.log(`\nmacro accuracy (%) without ${untrained.join(', ')} (no training data in the Glossa model)\n${plainTable(SUMMARY_HEADER, summaryRows(results, untrained), ['left', 'left', 'right'])}`);
  }
  const languages = LANGUAGE_CODES.filter((l) => !sets.missing.includes(l));
  for (const name of SET_NAMES) {
    console.log(`\nper language: ${SET_TITLES[name]} (%)\n${plainTable(['lang', ...tools.all.map((t) => t.name)], perLanguageRows(results, name, languages))}`);
  }
  if (options.write) {
    writeSection(options.out, 'accuracy', markdown(results, {
      sets, command: commandLine('bench/accuracy.ts', argv), skipped: tools.skipped, perLanguage: options.perLanguage, model: choice, untrained,
    }));
    console.log(`\nwrote ${options.out}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench/accuracy: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof MissingPrerequisite) process.exit(MissingPrerequisite.EXIT_CODE);
  if (error instanceof TypeError && /parseArgs|option/i.test(error.message)) console.error(USAGE);
  process.exit(1);
});
