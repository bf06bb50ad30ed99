import { LegatoError } from '@legato/errors';

/**
 * Loads the part of the CLI that needs an optional peer dependency (`@legato/testkit` for
 * `package` and `demo`: ffmpeg packaging, the loopback sandbox, the Chromium harness), so that
 * `inspect` and `simulate` run without it and `npm i @legato/cli` downloads no bundler or
 * browser driver. A missing package becomes `DEPENDENCY_MISSING` naming the install command;
 * any other failure passes through.
 */
export async function importOptional<T>(
  load: () => Promise<T>,
  packageName: string,
  feature: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : '';
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      message.includes(`'${packageName}'`)
    ) {
      throw new LegatoError(
        'DEPENDENCY_MISSING',
        `${feature} needs ${packageName}, an optional peer dependency that is not installed: npm i ${packageName}`,
        { cause: error, details: { package: packageName } },
      );
    }
    throw error;
  }
}
