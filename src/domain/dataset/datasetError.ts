/**
 * A dataset that cannot be used, with a one-line English reason (the CLIs print it) and,
 * where the app shows it, a translation key with its parameters (`reasonKey` is translated
 * and passed to it as `reason`).
 */
export class DatasetError extends Error {
  override name = 'DatasetError'
  constructor(
    message: string,
    readonly key?: string,
    readonly params?: Readonly<Record<string, string | number>>,
    readonly reasonKey?: string,
  ) {
    super(message)
  }
}
