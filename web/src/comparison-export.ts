// Comparison mode's download: both runs in one zip, each in its own folder with the model.json and
// weights.bin `scratchnet train` writes for its command, the two commands, and the data when the
// command line cannot generate them.
import { CSV_FILE_NAME, type FromWorker } from './messages.ts';
import { storeZip, type ZipEntry } from './zip-store.ts';

export const COMPARISON_ZIP = 'scratchnet-comparison.zip';
export const RUN_FOLDERS = { run: 'with-regularization', twin: 'without-regularization' } as const;

type Exported = Extract<FromWorker, { type: 'exported' }>;

export function comparisonZip(
  exported: Exported & { twin: NonNullable<Exported['twin']> },
): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder();
  const runs = [
    [RUN_FOLDERS.run, exported],
    [RUN_FOLDERS.twin, exported.twin],
  ] as const;
  const entries: ZipEntry[] = runs.flatMap(([folder, files]) => [
    { name: `${folder}/model.json`, data: text.encode(files.modelJson) },
    { name: `${folder}/weights.bin`, data: new Uint8Array(files.weights) },
  ]);
  const commands = runs.map(([folder, files]) => `# ${folder}/\n${files.commandLine}\n`).join('\n');
  entries.push({ name: 'commands.txt', data: text.encode(commands) });
  if (exported.csv !== null) entries.push({ name: CSV_FILE_NAME, data: text.encode(exported.csv) });
  return storeZip(entries);
}
