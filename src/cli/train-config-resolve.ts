import type { Command } from 'commander';
import { isClassDatasetName } from '../data/class-datasets.ts';
import { isRegressionDatasetName } from '../data/regression-datasets.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { withDatasetPreset } from './dataset-presets.ts';
import { SETTINGS, type Setting, TRAIN_DEFAULTS, type TrainConfig } from './train-config.ts';

// From flags and JSON to a checked TrainConfig: the flags' parsers applied to config files too.

/**
 * The configuration a run uses: the defaults, then the keys of `--config FILE.json`, then the flags
 * given on the command line. Config values go through the same parsers as flags, so they get the
 * same checks and messages.
 */
export function resolveTrainConfig(
  command: Command,
  fileConfig: Record<string, unknown> | null,
): TrainConfig {
  const flags = command.opts() as Record<string, unknown>;
  const config = configFromRecord(fileConfig ?? {});
  const explicit = new Set<string>(Object.keys(fileConfig ?? {}));
  for (const s of SETTINGS) {
    if (command.getOptionValueSource(s.key) === 'cli') {
      Object.assign(config, { [s.key]: flags[s.key] });
      explicit.add(s.key);
    }
  }
  requireClassesApply(command, config);
  return withDatasetPreset(config, explicit);
}

/**
 * --classes sets the class count of a generated classification set; anywhere else it would be ignored
 * without a word (a sine run with --classes 5 still has one output). Only the flag is checked: a run's
 * stored config.json holds a classes key whatever its data set.
 */
function requireClassesApply(command: Command, config: TrainConfig): void {
  if (command.getOptionValueSource('classes') !== 'cli' || isClassDatasetName(config.dataset)) return;
  const why = isRegressionDatasetName(config.dataset)
    ? 'a regression, with one target'
    : 'its labels give the classes';
  throw new ScratchnetError(
    'INVALID_OPTION',
    `--classes ${config.classes} does not fit --dataset ${config.dataset}: ${why}`,
    '--classes sets the classes of spiral, vertical, circle, xor and gaussian; drop it here',
  );
}

/**
 * The defaults with the keys of a JSON object (a --config file, a run's config.json, a sweep's stored
 * base) put through the flags' parsers: an unknown key or a value the flag would refuse is refused,
 * so an edited file with `"activation": "tanh"` cannot train with sigmoid. Missing keys keep their
 * defaults.
 */
export function configFromRecord(record: Record<string, unknown>): TrainConfig {
  const config: TrainConfig = { ...TRAIN_DEFAULTS };
  for (const [key, raw] of Object.entries(record)) {
    const setting = SETTINGS.find((s) => s.key === key);
    if (setting === undefined) {
      throw new ScratchnetError(
        'UNKNOWN_OPTION',
        `the config file has an unknown key ${JSON.stringify(key)}`,
        `known keys: ${SETTINGS.map((s) => s.key).join(', ')}`,
      );
    }
    Object.assign(config, { [key]: fromConfigValue(setting, raw) });
  }
  return config;
}

function fromConfigValue(setting: Setting, raw: unknown): unknown {
  if (setting.key === 'shuffle') {
    if (typeof raw !== 'boolean') throw configError(setting, raw, 'true or false');
    return raw;
  }
  if (raw === null && TRAIN_DEFAULTS[setting.key] === null) return null;
  const text = Array.isArray(raw) ? raw.join(',') : String(raw);
  if (setting.choices && !setting.choices.includes(text))
    throw configError(setting, raw, setting.choices.join(' | '));
  if (!setting.parse) return text;
  try {
    return setting.parse(text);
  } catch (error) {
    throw configError(
      setting,
      raw,
      error instanceof Error ? error.message.replace(/\.$/, '') : 'a valid value',
    );
  }
}

function configError(setting: Setting, raw: unknown, expected: string): ScratchnetError {
  return new ScratchnetError(
    'INVALID_OPTION',
    `config key ${JSON.stringify(setting.key)}: ${JSON.stringify(raw)} is invalid (${expected})`,
    `the same rules apply as to ${setting.flag.split(' ')[0]}; see scratchnet train --help`,
  );
}
