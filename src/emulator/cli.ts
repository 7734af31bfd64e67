// `npm run emulator -- [flags]`: runs the Glue ML emulator on its own until SIGINT/SIGTERM.
import { HELP, parseCliArgs, type ParsedCli } from './cli-args.js';
import { DEMO, startEmulator } from './index.js';

async function main(): Promise<void> {
  let parsed: ParsedCli;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    // parseArgs reports unknown flags and missing values with TypeErrors; both are usage errors.
    console.error(`error: ${(error as Error).message}\nRun with --help for the list of options.`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  for (const rule of parsed.faults) emulator.faults.add(rule);

  console.log(`Glue ML emulator listening on ${emulator.endpoint}`);
  console.log('Try:');
  console.log(
    `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 aws glue get-ml-task-run \\\n` +
      `    --endpoint-url ${emulator.endpoint} \\\n` +
      `    --transform-id ${DEMO.transforms.customers} --task-run-id ${DEMO.runs.succeededFindMatches}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
