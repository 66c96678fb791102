// Command-line argument helpers shared by the npm run scripts.

/** `--name value` from argv (removed from the list), or the default. */
export function takeOption(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = args[at + 1];
  args.splice(at, 2);
  return value ?? fallback;
}

export function takeFlag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at === -1) return false;
  args.splice(at, 1);
  return true;
}
